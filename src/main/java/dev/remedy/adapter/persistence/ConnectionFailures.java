package dev.remedy.adapter.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Recognises the failures that mean "the database cannot be reached" rather than "this statement
 * failed": no connection could be had (refused, broken, or none free in the pool within the
 * acquisition timeout). Storing the same data again at once would only wait for the same failure.
 */
final class ConnectionFailures {

  /** SQLState class 08: connection exception. */
  private static final String CONNECTION_EXCEPTION_CLASS = "08";

  private ConnectionFailures() {}

  static boolean isConnectionFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JDBCConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql
          && ((sql.getSQLState() != null
                  && sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS))
              // Agroal's "Acquisition timeout while waiting for new connection" has no SQLState.
              || sql.getCause() instanceof TimeoutException)) {
        return true;
      }
    }
    return false;
  }
}
