package dev.remedy.approval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link ApprovalDecisions}: locks the approval, judges the decision with {@link ApprovalPolicy},
 * and in the same transaction stores the vote, the approval's new status and the wake-up of its
 * run, so that the engine goes on at once.
 */
@ApplicationScoped
public class ApprovalService implements ApprovalDecisions {

  private final ApprovalStore store;
  private final ApprovalPolicy policy;
  private final Clock clock;
  private final Event<ApprovalSettled> settled;

  public ApprovalService(
      ApprovalStore store, Approvers approvers, Clock clock, Event<ApprovalSettled> settled) {
    this.store = store;
    this.policy = new ApprovalPolicy(approvers);
    this.clock = clock;
    this.settled = settled;
  }

  @Override
  @Transactional
  public DecisionOutcome decide(Decision decision) {
    Optional<Approval> locked = store.lockForDecision(decision.approvalId());
    if (locked.isEmpty()) {
      return new DecisionOutcome.Refused(Refusal.NOT_FOUND, "no approval " + decision.approvalId());
    }
    Approval approval = locked.get();
    Instant now = clock.instant();
    ApprovalPolicy.Verdict verdict = policy.judge(approval, store.votes(approval), decision, now);
    if (verdict.outcome() instanceof DecisionOutcome.Applied applied
        && verdict.vote().isPresent()) {
      store.decided(approval, verdict.vote().get(), applied.status(), now);
      store.wakeRun(approval.runId(), now);
      if (!applied.status().isOpen()) {
        settled.fire(
            new ApprovalSettled(
                approval.id(),
                approval.runId(),
                applied.status(),
                Duration.between(approval.requestedAt(), now)));
      }
    }
    return verdict.outcome();
  }
}
