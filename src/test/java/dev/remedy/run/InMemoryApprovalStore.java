package dev.remedy.run;

import dev.remedy.approval.Approval;
import dev.remedy.approval.ApprovalStatus;
import dev.remedy.approval.ApprovalStore;
import dev.remedy.approval.Vote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The approvals the engine opens and settles, in memory, for the domain tests (the votes the engine
 * counts live in {@link InMemoryRunStore}). No Slack message is ever due.
 */
public final class InMemoryApprovalStore implements ApprovalStore {

  private final Map<String, Approval> byStep = new LinkedHashMap<>();

  synchronized List<Approval> all() {
    return List.copyOf(byStep.values());
  }

  private static String key(String runId, String stepId) {
    return runId + "/" + stepId;
  }

  @Override
  public synchronized Optional<Approval> find(String id) {
    return byStep.values().stream().filter(a -> a.id().equals(id)).findFirst();
  }

  @Override
  public synchronized Optional<Approval> forStep(String runId, String stepId) {
    return Optional.ofNullable(byStep.get(key(runId, stepId)));
  }

  @Override
  public synchronized List<Approval> forRun(String runId) {
    return byStep.values().stream().filter(a -> a.runId().equals(runId)).toList();
  }

  @Override
  public synchronized Approval open(Approval approval) {
    return byStep.computeIfAbsent(key(approval.runId(), approval.stepId()), k -> approval);
  }

  @Override
  public synchronized List<Approval> list(Optional<ApprovalStatus> status, int limit) {
    return byStep.values().stream()
        .filter(a -> status.isEmpty() || a.status() == status.get())
        .limit(limit)
        .toList();
  }

  @Override
  public List<Vote> votes(Approval approval) {
    return new ArrayList<>();
  }

  @Override
  public Optional<Approval> lockForDecision(String id) {
    return find(id);
  }

  @Override
  public synchronized void decided(Approval approval, Vote vote, ApprovalStatus next, Instant at) {
    byStep.put(key(approval.runId(), approval.stepId()), approval.withStatus(next, at));
  }

  @Override
  public void wakeRun(String runId, Instant now) {}

  @Override
  public dev.remedy.audit.WorkflowVersion version(Approval approval) {
    return new dev.remedy.audit.WorkflowVersion(approval.workflow(), "sha256:in-memory");
  }

  @Override
  public synchronized boolean settle(
      String runId, String stepId, ApprovalStatus status, Instant at) {
    Approval current = byStep.get(key(runId, stepId));
    if (current == null || !current.status().isOpen()) {
      return false;
    }
    byStep.put(key(runId, stepId), current.withStatus(status, at));
    return true;
  }

  @Override
  public List<SlackWork> claimSlackWork(Instant now, Duration lease, int limit) {
    return List.of();
  }

  @Override
  public void slackPosted(String approvalId, String channel, String ts, ApprovalStatus shown) {}

  @Override
  public void slackUpdated(String approvalId, ApprovalStatus shown) {}

  @Override
  public void slackFailed(String approvalId, int attempts, Instant retryAt, String error) {}

  @Override
  public void slackSkipped(String approvalId) {}

  @Override
  public Optional<SlackMessage> latestMessage(String runId) {
    return Optional.empty();
  }
}
