package dev.remedy.approval;

import dev.remedy.audit.WorkflowVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where approvals and their votes are kept (the database). Methods marked "caller's transaction"
 * must run inside one (the decision and its effects commit together); the others are transactions
 * of their own.
 */
public interface ApprovalStore {

  Optional<Approval> find(String id);

  Optional<Approval> forStep(String runId, String stepId);

  /** The approvals of a run, in the order they opened. */
  List<Approval> forRun(String runId);

  /**
   * Opens an approval; when the step already has one (a repeat), that one is returned unchanged.
   */
  Approval open(Approval approval);

  /** Newest first; pending ones oldest first (the next deadline on top). */
  List<Approval> list(Optional<ApprovalStatus> status, int limit);

  List<Vote> votes(Approval approval);

  /** Caller's transaction: the approval, locked until commit, so decisions on it queue. */
  Optional<Approval> lockForDecision(String id);

  /** Caller's transaction: stores a vote and the approval's new status. */
  void decided(Approval approval, Vote vote, ApprovalStatus next, Instant at);

  /** The workflow version the approval's run executes (for its audit events). */
  WorkflowVersion version(Approval approval);

  /** Caller's transaction: makes the run due at once, so its worker sees the decision. */
  void wakeRun(String runId, Instant now);

  /**
   * The engine's last word on a pending approval (approved on timeout, expired, or the run went
   * away): sets the status if it is still pending.
   *
   * @return whether it changed
   */
  boolean settle(String runId, String stepId, ApprovalStatus status, Instant at);

  // ------------------------------------------------------------------ the Slack message

  /**
   * Approvals whose Slack message must be posted or updated and is due, each leased for {@code
   * lease} so that one replica works on it at a time.
   */
  List<SlackWork> claimSlackWork(Instant now, Duration lease, int limit);

  /**
   * The message is posted, showing the approval as {@code shown}; if it has moved on since, the
   * message is due for an update.
   */
  void slackPosted(String approvalId, String channel, String ts, ApprovalStatus shown);

  /** The message is updated to show {@code shown}; again due if the approval has moved on. */
  void slackUpdated(String approvalId, ApprovalStatus shown);

  void slackFailed(String approvalId, int attempts, Instant retryAt, String error);

  /** Slack is not configured: the message is not posted; the API still decides. */
  void slackSkipped(String approvalId);

  /** The run's latest posted approval message, to thread its other messages under. */
  Optional<SlackMessage> latestMessage(String runId);

  /** A posted message: the channel id Slack answered with, and the message {@code ts}. */
  record SlackMessage(String channel, String ts) {}

  /**
   * A message to post ({@code ts} empty) or update.
   *
   * @param attempts failed tries so far
   */
  record SlackWork(Approval approval, Optional<String> ts, int attempts) {}
}
