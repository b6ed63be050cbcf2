package dev.remedy.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Where in the cluster workflows may act (the connection itself: the standard Quarkus keys). */
@ConfigMapping(prefix = "remedy.kubernetes")
public interface KubernetesConfig {

  /**
   * Namespaces workflow steps may target. Unset: every namespace except {@code kube-system}. A step
   * aimed elsewhere fails with {@code forbidden} before any call to the API server.
   */
  Optional<List<String>> allowedNamespaces();
}
