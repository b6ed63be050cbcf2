package dev.remedy.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a decision, the same for Slack and the API: only listed approvers, one decision per
 * person, not on one's own manual run, nothing after the deadline or once decided; the first
 * rejection ends it; {@code quorum} distinct approvals approve it.
 */
public final class ApprovalPolicy {

  private final Approvers approvers;

  public ApprovalPolicy(Approvers approvers) {
    this.approvers = approvers;
  }

  /** The verdict on a decision, and the approval's state if it is applied. */
  public record Verdict(DecisionOutcome outcome, Optional<Vote> vote) {}

  public Verdict judge(Approval approval, List<Vote> votes, Decision decision, Instant now) {
    if (approval.status() == ApprovalStatus.EXPIRED
        || (approval.status().isOpen() && !now.isBefore(approval.deadline()))) {
      return refused(Refusal.EXPIRED, "this approval expired at " + approval.deadline());
    }
    if (!approval.status().isOpen()) {
      return refused(
          Refusal.ALREADY_DECIDED, "this approval is already " + approval.status().wireName());
    }
    Voter voter = decision.voter();
    String identity = approvers.identity(voter);
    if (!approvers.mayDecide(approval, voter)) {
      return refused(
          Refusal.NOT_AN_APPROVER,
          identity
              + " is not an approver of this step (approvers: "
              + String.join(", ", approval.approvers())
              + ")");
    }
    if (identity.equals(approval.requestedBy()) || voter.id().equals(approval.requestedBy())) {
      return refused(Refusal.OWN_RUN, "you started this run: someone else must approve it");
    }
    if (votes.stream().anyMatch(v -> v.voter().equals(identity))) {
      return refused(Refusal.ALREADY_VOTED, identity + " has already decided this approval");
    }
    Vote vote =
        new Vote(
            identity,
            decision.approve(),
            voter.via(),
            now,
            decision.comment(),
            decision.requestId());
    long approvals = votes.stream().filter(Vote::approve).count() + (decision.approve() ? 1 : 0);
    ApprovalStatus next =
        !decision.approve()
            ? ApprovalStatus.REJECTED
            : approvals >= approval.quorum() ? ApprovalStatus.APPROVED : ApprovalStatus.PENDING;
    return new Verdict(
        new DecisionOutcome.Applied(next, (int) approvals, approval.quorum()), Optional.of(vote));
  }

  private static Verdict refused(Refusal refusal, String message) {
    return new Verdict(new DecisionOutcome.Refused(refusal, message), Optional.empty());
  }
}
