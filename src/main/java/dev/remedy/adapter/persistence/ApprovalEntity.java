package dev.remedy.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One approval step of one run, and the state of its Slack message. Table {@code approval}. */
@Entity
@Table(name = "approval")
public class ApprovalEntity {

  /** Slack message states. */
  static final String TO_POST = "to_post";

  static final String POSTED = "posted";
  static final String TO_UPDATE = "to_update";
  static final String DONE = "done";
  static final String OFF = "off";

  @Id
  @Column(length = 36)
  public String id;

  @Column(name = "run_id", nullable = false, length = 36)
  public String runId;

  @Column(name = "step_id", nullable = false, length = 63)
  public String stepId;

  @Column(nullable = false, length = 16)
  public String status;

  /** Comma-separated, as the workflow lists them. */
  @Column(nullable = false, length = 4096)
  public String approvers;

  @Column(nullable = false)
  public int quorum;

  @Column(nullable = false)
  public Instant deadline;

  @Column(nullable = false, length = 8192)
  public String message;

  /** JSON: {@code {"workflow": ..., "lines": [...]}}. */
  @Column(nullable = false, length = 1048576)
  public String plan;

  @Column(name = "plan_digest", nullable = false, length = 80)
  public String planDigest;

  @Column(nullable = false, length = 256)
  public String channel;

  @Column(name = "requested_by", nullable = false, length = 256)
  public String requestedBy;

  @Column(name = "requested_at", nullable = false)
  public Instant requestedAt;

  @Column(name = "decided_at")
  public Instant decidedAt;

  @Column(name = "slack_ts", length = 64)
  public String slackTs;

  @Column(name = "slack_state", nullable = false, length = 16)
  public String slackState;

  @Column(name = "slack_attempts", nullable = false)
  public int slackAttempts;

  @Column(name = "slack_next_at")
  public Instant slackNextAt;

  @Column(name = "slack_error", length = 1024)
  public String slackError;
}
