package dev.remedy.api;

import dev.remedy.alert.StoreUnavailableException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;

/**
 * Tells a database failure from a bug. Any failure of the store is answered 503 with {@code
 * Retry-After}: Alertmanager retries 5xx only (a 4xx would drop the notification), and an operator
 * retrying a read gets the same honest answer.
 */
public final class StoreFailures {

  static final int RETRY_AFTER_SECONDS = 5;

  private StoreFailures() {}

  public static boolean isStoreFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException
          || t instanceof StoreUnavailableException
          || t instanceof PersistenceException
          || t instanceof RollbackException
          || t instanceof SystemException) {
        return true;
      }
    }
    return false;
  }

  public static Response storeUnavailable() {
    return Problem.of(
            "store-unavailable",
            "Store unavailable",
            Response.Status.SERVICE_UNAVAILABLE,
            "The database cannot be reached or did not commit; nothing was stored. Retry later.")
        .toResponseBuilder()
        .header("Retry-After", RETRY_AFTER_SECONDS)
        .build();
  }
}
