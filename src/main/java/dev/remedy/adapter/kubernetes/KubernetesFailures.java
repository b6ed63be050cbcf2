package dev.remedy.adapter.kubernetes;

import dev.remedy.run.FailureReason;
import dev.remedy.run.StepFailedException;
import dev.remedy.run.StepFailure;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Classifies Kubernetes API failures once: 403/404/422 permanent, 409 a lost optimistic-concurrency
 * race (retryable: the next attempt re-reads and re-decides), 429/5xx/no answer retryable.
 */
final class KubernetesFailures {

  private KubernetesFailures() {}

  static StepFailedException classify(String what, KubernetesClientException e) {
    int code = e.getCode();
    String status =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : "";
    String message =
        what
            + ": "
            + (code == 0 ? "no answer from the API server" : "HTTP " + code)
            + (status.isEmpty() ? "" : " " + status);
    StepFailure failure =
        switch (code) {
          case 401, 403 -> StepFailure.permanent(FailureReason.FORBIDDEN, message);
          case 404 -> StepFailure.permanent(FailureReason.NOT_FOUND, message);
          case 400, 422 -> StepFailure.permanent(FailureReason.INVALID, message);
          case 409 -> StepFailure.retryable(FailureReason.CONFLICT, message);
          default -> StepFailure.retryable(FailureReason.UNAVAILABLE, message);
        };
    return new StepFailedException(failure, e);
  }

  static StepFailedException notFound(String what) {
    return new StepFailedException(
        StepFailure.permanent(FailureReason.NOT_FOUND, what + " does not exist"));
  }

  static StepFailedException invalid(String message) {
    return new StepFailedException(StepFailure.permanent(FailureReason.INVALID, message));
  }
}
