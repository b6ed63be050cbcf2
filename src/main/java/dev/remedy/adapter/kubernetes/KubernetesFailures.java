package dev.remedy.adapter.kubernetes;

import dev.remedy.run.FailureReason;
import dev.remedy.run.StepFailedException;
import dev.remedy.run.StepFailure;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.TimeoutException;

/**
 * Classifies Kubernetes API failures once: 403/404/422 permanent, 409 a lost optimistic-concurrency
 * race (retryable: the next attempt re-reads and re-decides), 429/5xx retryable, no answer in time
 * {@code timeout} and no answer at all {@code unavailable}, both retryable.
 */
final class KubernetesFailures {

  private KubernetesFailures() {}

  static StepFailedException classify(String what, KubernetesClientException e) {
    int code = e.getCode();
    String status =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : "";
    boolean noAnswer = code <= 0;
    boolean timedOut = noAnswer && causedByTimeout(e);
    String message =
        what
            + ": "
            + (!noAnswer
                ? "HTTP " + code
                : timedOut
                    ? "the API server did not answer in time"
                    : "no answer from the API server")
            + (status.isEmpty() ? "" : " " + status);
    StepFailure failure =
        noAnswer
            ? StepFailure.retryable(
                timedOut ? FailureReason.TIMEOUT : FailureReason.UNAVAILABLE, message)
            : switch (code) {
              case 401, 403 -> StepFailure.permanent(FailureReason.FORBIDDEN, message);
              case 404 -> StepFailure.permanent(FailureReason.NOT_FOUND, message);
              case 400, 422 -> StepFailure.permanent(FailureReason.INVALID, message);
              case 409 -> StepFailure.retryable(FailureReason.CONFLICT, message);
              default -> StepFailure.retryable(FailureReason.UNAVAILABLE, message);
            };
    return new StepFailedException(failure, e);
  }

  /**
   * Whether a classified failure says the API server itself is unwell (no answer, 429, 5xx): what
   * the circuit breaker counts. A 404 or a refusal is a healthy server saying no.
   */
  static boolean isTransportFailure(Throwable t) {
    return t instanceof StepFailedException e
        && (e.failure().reason() == FailureReason.UNAVAILABLE
            || e.failure().reason() == FailureReason.TIMEOUT);
  }

  /**
   * Whether the request went unanswered for too long. The Vert.x transport reports it as its own
   * {@code NoStackTraceTimeoutException}, the JDK ones as theirs: matched by type where we can name
   * it, by class name where the type belongs to the transport.
   */
  private static boolean causedByTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException
          || t instanceof java.net.http.HttpTimeoutException
          || t instanceof java.net.SocketTimeoutException
          || t.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }

  static StepFailedException notFound(String what) {
    return new StepFailedException(
        StepFailure.permanent(FailureReason.NOT_FOUND, what + " does not exist"));
  }

  static StepFailedException invalid(String message) {
    return new StepFailedException(StepFailure.permanent(FailureReason.INVALID, message));
  }
}
