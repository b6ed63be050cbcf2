package dev.remedy.adapter.persistence;

import java.sql.SQLException;

/**
 * Recognises a statement the database cancelled at {@code remedy.datasource.query-timeout-ms}
 * (PostgreSQL's {@code statement_timeout}, H2's {@code MAX_QUERY_TIMEOUT}; see
 * application.properties). Nothing is wrong with the statement itself: the database is stuck (a
 * lock held for too long, a disk that does not answer), so the store treats it like an unreachable
 * database, and running the same statements again at once would only wait as long again.
 */
final class StatementTimeouts {

  /**
   * "query_canceled" on PostgreSQL, "statement was canceled or the session timed out" on H2. (H2's
   * lock timeout, HYT00, is a {@link ConcurrencyConflicts conflict}.)
   */
  private static final String QUERY_CANCELED = "57014";

  private StatementTimeouts() {}

  static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
