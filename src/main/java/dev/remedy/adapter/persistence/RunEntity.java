package dev.remedy.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One run. Table {@code run}, see V2__runs.sql; mapped to {@link dev.remedy.run.Run}. */
@Entity
@Table(name = "run")
public class RunEntity {

  @Id
  @Column(length = 36)
  public String id;

  @Column(nullable = false, length = 253)
  public String workflow;

  @Column(name = "workflow_digest", nullable = false, length = 80)
  public String workflowDigest;

  @Column(name = "dedup_key", nullable = false, length = 1024)
  public String dedupKey;

  @Column(name = "active_key", length = 64)
  public String activeKey;

  @Column(nullable = false, length = 16)
  public String status;

  @Column(nullable = false, length = 16)
  public String phase;

  @Column(name = "step_index", nullable = false)
  public int stepIndex;

  @Column(nullable = false)
  public int attempt;

  @Column(name = "wake_at")
  public Instant wakeAt;

  @Column(name = "lease_owner", length = 128)
  public String leaseOwner;

  @Column(name = "lease_until")
  public Instant leaseUntil;

  @Column(name = "alert_fingerprint", nullable = false, length = 128)
  public String alertFingerprint;

  @Column(name = "alert_labels", nullable = false, length = 1048576)
  public String alertLabels;

  @Column(name = "alert_annotations", nullable = false, length = 1048576)
  public String alertAnnotations;

  @Column(name = "alert_starts_at", nullable = false)
  public Instant alertStartsAt;

  @Column(name = "alert_generator_url", nullable = false, length = 8192)
  public String alertGeneratorUrl;

  @Column(nullable = false, length = 1048576)
  public String params;

  @Column(nullable = false, length = 1048576)
  public String outputs;

  @Column(name = "failure_reason", length = 32)
  public String failureReason;

  @Column(name = "failure_retryable")
  public Boolean failureRetryable;

  @Column(name = "failure_message", length = 4096)
  public String failureMessage;

  @Column(name = "dry_run", nullable = false)
  public boolean dryRun;

  @Column(name = "parked_by", length = 32)
  public String parkedBy;

  @Column(name = "alert_resolved", nullable = false)
  public boolean alertResolved;

  @Column(name = "cancel_requested", nullable = false)
  public boolean cancelRequested;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "end_note", nullable = false, length = 4096)
  public String endNote;
}
