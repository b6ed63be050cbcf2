package dev.remedy.run;

/** Thrown by a port when an effect failed; carries the failure classified by the adapter. */
public final class StepFailedException extends RuntimeException {

  private final transient StepFailure failure;

  public StepFailedException(StepFailure failure) {
    super(failure.describe(), null, false, false);
    this.failure = failure;
  }

  public StepFailedException(StepFailure failure, Throwable cause) {
    super(failure.describe(), cause, false, false);
    this.failure = failure;
  }

  public StepFailure failure() {
    return failure;
  }
}
