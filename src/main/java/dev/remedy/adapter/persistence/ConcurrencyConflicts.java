package dev.remedy.adapter.persistence;

import java.sql.SQLException;
import java.util.Set;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Recognises the failures that mean "another transaction got there first" rather than "the database
 * is broken": a unique key taken concurrently, a deadlock, a serialization failure or a lock wait
 * that timed out. Rolling back and running the transaction again resolves each of them.
 */
final class ConcurrencyConflicts {

  /**
   * 40001 serialization failure (H2 reports deadlocks so too), 40P01 PostgreSQL deadlock, HYT00 H2
   * lock timeout.
   */
  private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "HYT00");

  private ConcurrencyConflicts() {}

  static boolean isConflict(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConstraintViolationException violation
          && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && TRANSIENT_SQL_STATES.contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
