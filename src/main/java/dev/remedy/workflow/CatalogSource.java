package dev.remedy.workflow;

/** Where the catalog in use comes from (port). */
public interface CatalogSource {

  /** The catalog now; a later call may return a newer one. Never null; cheap to call. */
  Catalog current();

  /**
   * Reads the workflow files again now and swaps the catalog in one step. Files that became invalid
   * keep serving their last good version. Safe to call concurrently (calls serialise).
   *
   * @return the catalog after the reload
   */
  Catalog reload();
}
