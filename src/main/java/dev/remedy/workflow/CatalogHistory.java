package dev.remedy.workflow;

/**
 * Port: what the catalog took in and turned down, for the audit log. Every replica reads the same
 * files on start and on every change, so each method records a version once however often it is
 * called: callers need not remember what was recorded, and may simply call again after a failure.
 */
public interface CatalogHistory {

  /**
   * A valid file serves {@code workflow} (its source names the file): stores the version if it is
   * new and records {@code catalog.loaded} with it, in a transaction of its own. A version stored
   * before (by any replica, or by a run created from it) records nothing.
   *
   * @throws RuntimeException when the database cannot be reached (nothing is recorded: call again)
   */
  void loaded(Workflow workflow);

  /**
   * A file's content is invalid: records {@code catalog.rejected} with its errors, in a transaction
   * of its own, unless that content (its digest) was recorded as rejected before.
   *
   * @throws RuntimeException when the database cannot be reached (nothing is recorded: call again)
   */
  void rejected(CatalogEntry entry);
}
