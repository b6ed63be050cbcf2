package dev.remedy.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One person's decision on an approval step. Table {@code approval_vote}. */
@Entity
@Table(name = "approval_vote")
public class ApprovalVoteEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "approval_vote_seq")
  @SequenceGenerator(
      name = "approval_vote_seq",
      sequenceName = "approval_vote_seq",
      allocationSize = 50)
  public Long id;

  @Column(name = "run_id", nullable = false, length = 36)
  public String runId;

  @Column(name = "step_id", nullable = false, length = 63)
  public String stepId;

  @Column(nullable = false, length = 256)
  public String approver;

  @Column(nullable = false)
  public boolean approve;

  @Column(name = "voted_at", nullable = false)
  public Instant votedAt;

  @Column(nullable = false, length = 4096)
  public String comment;

  /** {@code slack} or {@code api}. */
  @Column(nullable = false, length = 16)
  public String via;

  /** The Slack trigger id or the HTTP request id the decision came in. */
  @Column(name = "request_id", nullable = false, length = 256)
  public String requestId;
}
