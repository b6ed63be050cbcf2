package dev.remedy.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A duplicate, a suppression or a park. Table {@code guard_decision}, see V2__runs.sql. */
@Entity
@Table(name = "guard_decision")
public class GuardDecisionEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "guard_decision_seq")
  @SequenceGenerator(
      name = "guard_decision_seq",
      sequenceName = "guard_decision_seq",
      allocationSize = 50)
  public Long id;

  @Column(nullable = false, length = 253)
  public String workflow;

  @Column(name = "dedup_key", nullable = false, length = 1024)
  public String dedupKey;

  @Column(nullable = false, length = 128)
  public String fingerprint;

  @Column(name = "run_id", length = 36)
  public String runId;

  @Column(nullable = false, length = 16)
  public String outcome;

  @Column(length = 32)
  public String guard;

  @Column(nullable = false, length = 4096)
  public String detail;

  @Column(name = "decided_at", nullable = false)
  public Instant decidedAt;
}
