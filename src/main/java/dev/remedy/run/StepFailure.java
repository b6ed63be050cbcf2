package dev.remedy.run;

import java.util.Objects;

/**
 * A classified failure of one step attempt.
 *
 * @param retryable whether another attempt may succeed (the step's {@code retry} then decides)
 * @param message for people; never holds a secret value
 */
public record StepFailure(FailureReason reason, boolean retryable, String message) {

  private static final int MAX_MESSAGE = 2000;

  public StepFailure {
    Objects.requireNonNull(reason, "reason");
    message = message == null ? "" : message;
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "…";
    }
  }

  public static StepFailure permanent(FailureReason reason, String message) {
    return new StepFailure(reason, false, message);
  }

  public static StepFailure retryable(FailureReason reason, String message) {
    return new StepFailure(reason, true, message);
  }

  /** The run status a run ends in when this failure is what stopped it. */
  public RunStatus endStatus() {
    return switch (reason) {
      case APPROVAL_REJECTED -> RunStatus.REJECTED;
      case APPROVAL_EXPIRED -> RunStatus.EXPIRED;
      default -> RunStatus.FAILED;
    };
  }

  /** As {@code run.failure} reads in onFailure templates. */
  public String describe() {
    return reason.wireName() + ": " + message;
  }
}
