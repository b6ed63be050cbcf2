package dev.remedy.approval;

import dev.remedy.audit.Actor;
import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
import dev.remedy.audit.WorkflowVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link ApprovalDecisions}: locks the approval, judges the decision with {@link ApprovalPolicy},
 * and in the same transaction stores the vote, the approval's new status and the wake-up of its
 * run, so that the engine goes on at once.
 *
 * <p>Every decision on an existing approval is audited in that transaction: {@code
 * approval.decision} when counted, {@code approval.refused} when not (an auditor wants to see who
 * tried to approve what they may not). A decision on an unknown id is not audited: it names no run.
 */
@ApplicationScoped
public class ApprovalService implements ApprovalDecisions {

  private final ApprovalStore store;
  private final ApprovalPolicy policy;
  private final Clock clock;
  private final Event<ApprovalSettled> settled;
  private final AuditLog audit;

  public ApprovalService(
      ApprovalStore store,
      Approvers approvers,
      Clock clock,
      Event<ApprovalSettled> settled,
      AuditLog audit) {
    this.store = store;
    this.policy = new ApprovalPolicy(approvers);
    this.clock = clock;
    this.settled = settled;
    this.audit = audit;
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
    audit.append(event(approval, decision, verdict.outcome()));
    return verdict.outcome();
  }

  private AuditEvent event(Approval approval, Decision decision, DecisionOutcome outcome) {
    Voter voter = decision.voter();
    Actor actor = voter.via() == Channel.SLACK ? Actor.slack(voter.id()) : Actor.user(voter.id());
    String via = voter.via().name().toLowerCase(Locale.ROOT);
    WorkflowVersion version = store.version(approval);
    return switch (outcome) {
      case DecisionOutcome.Applied applied ->
          new AuditEvent.ApprovalDecided(
              actor,
              approval.runId(),
              version,
              approval.stepId(),
              approval.id(),
              decision.approve(),
              via,
              decision.requestId(),
              applied.status().wireName());
      case DecisionOutcome.Refused refused ->
          new AuditEvent.ApprovalRefused(
              actor,
              approval.runId(),
              version,
              approval.stepId(),
              approval.id(),
              decision.approve(),
              via,
              decision.requestId(),
              refused.refusal().wireName(),
              refused.message());
    };
  }
}
