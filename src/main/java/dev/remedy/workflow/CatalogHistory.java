package dev.remedy.workflow;

import java.util.Set;

/**
 * Port: what the catalog took in, turned down and lost, for the audit log. Every replica reads the
 * same files on start and on every change, so each method records a version once however often it
 * is called: callers need not remember what was recorded, and may simply call again after a
 * failure.
 */
public interface CatalogHistory {

  /**
   * A valid file serves {@code workflow} (its source names the file): stores the version if it is
   * new and records {@code catalog.loaded} with it, in a transaction of its own. A version stored
   * before (by any replica, or by a run created from it) is recorded again, once, when the file's
   * last catalog event is not the loading of this version (the file edited back to it, fixed after
   * a rejection, put back after its removal, renamed, or its events pruned); otherwise nothing.
   *
   * @throws RuntimeException when the database cannot be reached (nothing is recorded: call again)
   */
  void loaded(Workflow workflow);

  /**
   * A file's content is invalid: records {@code catalog.rejected} with its errors, in a transaction
   * of its own, unless the file's last catalog event is the rejection of this very content (its
   * digest).
   *
   * @throws RuntimeException when the database cannot be reached (nothing is recorded: call again)
   */
  void rejected(CatalogEntry entry);

  /**
   * A file of the catalog is gone from the directory: records {@code catalog.removed} with the
   * version it served last ({@code entry.serving()}; none when it never had a valid one), in a
   * transaction of its own, unless the file's last catalog event is {@code catalog.removed} already
   * (another replica saw the same removal, or this is a call again).
   *
   * @throws RuntimeException when the database cannot be reached (nothing is recorded: call again)
   */
  void removed(CatalogEntry entry);

  /**
   * At start-up, the first read of the directory found {@code files} (every file, valid or not):
   * records {@code catalog.removed} for each file whose last catalog event is {@code
   * catalog.loaded} or {@code catalog.rejected} and that is not among them (deleted while this
   * process did not run), with the version of its last {@code catalog.loaded} since any earlier
   * removal (none when there is none), each in the same way as {@link #removed}: not again when the
   * file's last catalog event is {@code catalog.removed} already (replicas starting together). A
   * file whose events were pruned records nothing. Calling again records nothing more.
   *
   * @throws RuntimeException when the database cannot be reached (nothing is recorded: call again)
   */
  void removedExcept(Set<String> files);
}
