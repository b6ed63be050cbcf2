package dev.remedy.adapter.slack;

import dev.remedy.approval.ApprovalDecisions;
import dev.remedy.approval.ApprovalStatus;
import dev.remedy.approval.Decision;
import dev.remedy.approval.DecisionOutcome;
import dev.remedy.approval.Refusal;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stands in for the approval use case in the Slack slice tests (enabled by {@link SlackProfile}
 * only): records every decision and answers as the policy would for one decision per person, plus
 * refusals a test asks for.
 */
@Alternative
@ApplicationScoped
public class RecordingApprovalDecisions implements ApprovalDecisions {

  static final String ALREADY_VOTED = "You have already decided this approval.";

  private final List<Decision> decisions = new ArrayList<>();
  private final List<Boolean> requestContexts = new ArrayList<>();
  private final Set<String> voted = new HashSet<>();
  private final Map<String, DecisionOutcome.Refused> refusals = new HashMap<>();
  private final Set<String> failing = new HashSet<>();

  @Override
  public synchronized DecisionOutcome decide(Decision decision) {
    decisions.add(decision);
    requestContexts.add(Arc.container().requestContext().isActive());
    if (failing.contains(decision.approvalId())) {
      throw new IllegalStateException("the approval store is down");
    }
    DecisionOutcome.Refused refused = refusals.get(decision.approvalId());
    if (refused != null) {
      return refused;
    }
    if (!voted.add(decision.approvalId() + "/" + decision.voter().id())) {
      return new DecisionOutcome.Refused(Refusal.ALREADY_VOTED, ALREADY_VOTED);
    }
    return new DecisionOutcome.Applied(ApprovalStatus.PENDING, 1, 2);
  }

  /** Decisions on {@code approvalId} are refused so. */
  synchronized void refuse(String approvalId, Refusal refusal, String message) {
    refusals.put(approvalId, new DecisionOutcome.Refused(refusal, message));
  }

  /** Decisions on {@code approvalId} throw, as when the database is down. */
  synchronized void fail(String approvalId) {
    failing.add(approvalId);
  }

  /** Whether a request context was active, for every decision so far. */
  synchronized List<Boolean> requestContexts() {
    return List.copyOf(requestContexts);
  }

  synchronized List<Decision> on(String approvalId) {
    return decisions.stream().filter(d -> d.approvalId().equals(approvalId)).toList();
  }

  synchronized List<Decision> by(String userId) {
    return decisions.stream().filter(d -> d.voter().id().equals(userId)).toList();
  }
}
