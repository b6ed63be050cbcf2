package dev.remedy.adapter.slack;

/**
 * The buttons of an approval message: what the message remedy posts and the callback it accepts
 * agree on. A button's {@code value} is the opaque approval id, never the action it would approve.
 */
public final class ApprovalButtons {

  /** {@code action_id} of the Approve button. */
  public static final String APPROVE = "remedy.approve";

  /** {@code action_id} of the Reject button. */
  public static final String REJECT = "remedy.reject";

  private ApprovalButtons() {}
}
