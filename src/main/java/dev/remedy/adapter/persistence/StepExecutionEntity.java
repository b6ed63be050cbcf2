package dev.remedy.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One attempt of one step. Table {@code step_execution}, see V2__runs.sql. */
@Entity
@Table(name = "step_execution")
public class StepExecutionEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "step_execution_seq")
  @SequenceGenerator(
      name = "step_execution_seq",
      sequenceName = "step_execution_seq",
      allocationSize = 50)
  public Long id;

  @Column(name = "run_id", nullable = false, length = 36)
  public String runId;

  @Column(name = "step_id", nullable = false, length = 63)
  public String stepId;

  @Column(nullable = false, length = 16)
  public String phase;

  @Column(nullable = false)
  public int attempt;

  @Column(nullable = false, length = 32)
  public String action;

  @Column(nullable = false, length = 16)
  public String status;

  @Column(name = "started_at", nullable = false)
  public Instant startedAt;

  @Column(nullable = false)
  public Instant deadline;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(nullable = false, length = 1048576)
  public String outputs;

  @Column(nullable = false, length = 1048576)
  public String recorded;

  @Column(name = "failure_reason", length = 32)
  public String failureReason;

  @Column(name = "failure_retryable")
  public Boolean failureRetryable;

  @Column(name = "failure_message", length = 4096)
  public String failureMessage;

  @Column(nullable = false)
  public boolean mutating;

  @Column(name = "dry_run", nullable = false)
  public boolean dryRun;
}
