package dev.remedy.adapter.persistence;

import dev.remedy.approval.SignedCallbacks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Accepted Slack requests as rows of {@code slack_request}, keyed by signature: the primary key
 * decides which of two replicas saw a request first, so no lock is needed.
 */
@ApplicationScoped
public class StoredSignedCallbacks implements SignedCallbacks {

  /** SQLSTATE of a unique violation, on H2 and PostgreSQL alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final String INSERT_IF_NEW =
      "insert into slack_request (signature, received_at)"
          + " select cast(:signature as varchar(80)),"
          + " cast(:receivedAt as timestamp(6) with time zone)"
          + " where not exists (select 1 from slack_request where signature = :signature)";

  private final SlackRequestRepository rows;

  public StoredSignedCallbacks(SlackRequestRepository rows) {
    this.rows = rows;
  }

  /**
   * One statement in a transaction of its own, committed before the caller answers Slack. A replay
   * usually finds its row and inserts nothing, without an error (and without Hibernate's warning
   * about one). Two copies racing on two replicas both find none: the primary key lets one insert
   * and fails the other, which is recognised after the rollback, since on PostgreSQL a failed
   * statement spoils its transaction.
   */
  @Override
  public boolean firstSeen(String signature, Instant receivedAt) {
    try {
      return QuarkusTransaction.requiringNew()
          .call(
              () ->
                  NativeUpdate.of(rows.getEntityManager(), INSERT_IF_NEW)
                          .text("signature", signature)
                          .time("receivedAt", receivedAt)
                          .execute()
                      == 1);
    } catch (RuntimeException e) {
      if (isDuplicate(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  @Transactional
  public int forgetBefore(Instant cutoff) {
    return (int) rows.delete("receivedAt < ?1", cutoff);
  }

  private static boolean isDuplicate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConstraintViolationException violation
          && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
        return true;
      }
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
