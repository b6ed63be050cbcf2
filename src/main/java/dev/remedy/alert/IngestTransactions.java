package dev.remedy.alert;

import dev.remedy.alert.AlertIngest.IngestResult;
import java.util.List;

/**
 * Stores notifications durably, each call in one database transaction of its own: committed when
 * the call returns, rolled back entirely when it throws. {@link AlertIngest} implements it; {@link
 * GroupCommit} decides how many notifications share a call.
 */
public interface IngestTransactions {

  /**
   * Stores one notification in a transaction of its own.
   *
   * <p>Idempotent: storing the same notification again stores nothing new and answers a duplicate
   * delivery with the first one's id.
   *
   * @throws ConcurrentIngestException when a concurrent transaction stored one of the same keys;
   *     nothing was stored, and calling again is safe (it then sees the other transaction's rows)
   * @throws StoreUnavailableException when the database cannot be reached or timed out; nothing was
   *     stored
   */
  IngestResult ingest(Notification notification);

  /**
   * Stores several notifications in ONE transaction, one after the other in list order. Each result
   * is what {@link #ingest} would have answered for that notification had the list been stored one
   * transaction at a time in this order: a second copy of a delivery in the list is a duplicate of
   * the first, an alert state shared by two of them is new only in the first.
   *
   * <p>All or nothing: when it throws, none of the notifications was stored.
   *
   * @return one result per notification, in list order
   * @throws ConcurrentIngestException as {@link #ingest}
   * @throws StoreUnavailableException as {@link #ingest}
   */
  List<IngestResult> ingestAll(List<Notification> notifications);
}
