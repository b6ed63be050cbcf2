package dev.remedy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where in the cluster workflows may act, and how hard remedy leans on the API server (the
 * connection itself: the standard {@code quarkus.kubernetes-client.*} keys).
 */
@ConfigMapping(prefix = "remedy.kubernetes")
public interface KubernetesConfig {

  /**
   * Namespaces workflow steps may target. Unset: every namespace except {@code kube-system}. A step
   * aimed elsewhere fails with {@code forbidden-namespace} before any call to the API server.
   */
  Optional<List<String>> allowedNamespaces();

  /** Fault tolerance on the transport to the API server. */
  Api api();

  /** The timeout and the circuit breaker {@code kubernetes-api} around every operation. */
  interface Api {

    /**
     * Longest one operation (its reads, its write, its re-reads after a conflict) may take before
     * it is abandoned as {@code timeout} (retryable). Each HTTP request also has the client's own
     * {@code quarkus.kubernetes-client.request-timeout}.
     */
    @WithDefault("30s")
    Duration callTimeout();

    /**
     * How many of the latest operations the circuit breaker looks at; when {@link
     * #breakerFailureRatio()} of them failed for want of an answer (no answer, 429, 5xx), it opens
     * and steps fail fast as {@code unavailable} (retried with their backoff) for {@link
     * #breakerDelay()}.
     */
    @WithDefault("10")
    int breakerRequestVolume();

    @WithDefault("0.5")
    double breakerFailureRatio();

    @WithDefault("30s")
    Duration breakerDelay();
  }
}
