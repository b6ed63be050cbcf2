package dev.remedy.adapter.kubernetes;

import dev.remedy.config.KubernetesConfig;
import dev.remedy.run.FailureReason;
import dev.remedy.run.StepFailedException;
import dev.remedy.run.StepFailure;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The one way the adapter's operations reach the API server. Each runs under a SmallRye Fault
 * Tolerance timeout and the named circuit breaker {@value #BREAKER} (fault tolerance on the
 * transport only: retrying a step is the engine's job, with its durable backoff). Inside, a lost
 * optimistic-concurrency race (HTTP 409) re-runs the operation's read-decide-write, at most {@value
 * #CONFLICT_ATTEMPTS} times in all, then fails {@code conflict}. Every Fabric8 exception is
 * classified here, once.
 *
 * <p>Before each re-read it pauses a random 10–30 ms times the attempts so far (at most 300 ms in
 * all, inside the call timeout), as client-go's {@code RetryOnConflict} does: writers that collide
 * on one object (runs of several workflows acting on the same Deployment, its controller updating
 * its status) re-read at once and in step, so three immediate re-reads lost to each other again (2
 * % of the runs in the engine benchmark, 64 workers on 100 Deployments, failed {@code conflict}).
 * The pause is in memory, not a stored wait: it is short, and the write must be decided on what the
 * re-read shows.
 */
@ApplicationScoped
public class KubernetesTransport {

  static final String BREAKER = "kubernetes-api";
  static final int CONFLICT_ATTEMPTS = 5;
  private static final int PAUSE_MIN_MS = 10;
  private static final int PAUSE_MAX_MS = 30;

  private final Optional<Guard> guard;

  @Inject
  public KubernetesTransport(KubernetesConfig config) {
    this(Optional.of(guard(config.api())));
  }

  KubernetesTransport(Optional<Guard> guard) {
    this.guard = guard;
  }

  /** Without timeout or breaker: for tests of the operations themselves, outside CDI. */
  static KubernetesTransport direct() {
    return new KubernetesTransport(Optional.empty());
  }

  private static Guard guard(KubernetesConfig.Api api) {
    return Guard.create()
        .withDescription("Kubernetes API server")
        .withTimeout()
        .duration(api.callTimeout().toMillis(), ChronoUnit.MILLIS)
        .done()
        .withCircuitBreaker()
        .name(BREAKER)
        .requestVolumeThreshold(api.breakerRequestVolume())
        .failureRatio(api.breakerFailureRatio())
        .delay(api.breakerDelay().toMillis(), ChronoUnit.MILLIS)
        .successThreshold(1)
        .when(KubernetesFailures::isTransportFailure)
        .done()
        .build();
  }

  /**
   * Runs {@code decideAndWrite} (read, decide, write), again from the read after a 409.
   *
   * @param what names the operation in failure messages ("scale Deployment shop/web")
   */
  <T> T call(String what, Class<T> type, Supplier<T> decideAndWrite) {
    Supplier<T> classified = () -> reReadOnConflict(what, decideAndWrite);
    if (guard.isEmpty()) {
      return classified.get();
    }
    try {
      return guard.get().get(classified, type);
    } catch (CircuitBreakerOpenException e) {
      throw new StepFailedException(
          StepFailure.retryable(
              FailureReason.UNAVAILABLE,
              what
                  + ": not sent, the Kubernetes API server failed repeatedly (circuit breaker "
                  + BREAKER
                  + " is open)"));
    } catch (TimeoutException e) {
      throw new StepFailedException(
          StepFailure.retryable(
              FailureReason.TIMEOUT, what + ": no outcome within the Kubernetes call timeout"));
    }
  }

  private static <T> T reReadOnConflict(String what, Supplier<T> decideAndWrite) {
    for (int attempt = 1; ; attempt++) {
      try {
        return decideAndWrite.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == CONFLICT_ATTEMPTS) {
          throw KubernetesFailures.classify(what, e);
        }
      }
      pauseBeforeReRead(what, attempt);
    }
  }

  private static void pauseBeforeReRead(String what, int attemptsSoFar) {
    long millis =
        ThreadLocalRandom.current().nextLong(PAUSE_MIN_MS, PAUSE_MAX_MS + 1) * attemptsSoFar;
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException(
          StepFailure.retryable(
              FailureReason.TIMEOUT, what + ": interrupted while re-reading after a conflict"));
    }
  }
}
