package dev.remedy.alert;

/**
 * The store cannot be reached at all (no connection could be had, or it broke) or did not answer
 * within the statement timeout (a lock held for too long, a stuck disk): nothing was stored, and no
 * notification is to blame, so storing the same notifications one by one right away would only wait
 * for the same failure again. The caller answers "unavailable, retry later".
 */
public class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(Throwable cause) {
    super("the store cannot be reached or did not answer in time", cause);
  }
}
