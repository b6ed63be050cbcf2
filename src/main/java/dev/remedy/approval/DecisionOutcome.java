package dev.remedy.approval;

/** What became of a decision. */
public sealed interface DecisionOutcome {

  /**
   * Recorded.
   *
   * @param status the approval after it (still {@code PENDING} until the quorum is reached)
   * @param approvals distinct approvals so far
   * @param quorum approvals needed
   */
  record Applied(ApprovalStatus status, int approvals, int quorum) implements DecisionOutcome {}

  /** Not recorded, and why, in words fit for the person who decided. */
  record Refused(Refusal refusal, String message) implements DecisionOutcome {}
}
