package dev.remedy.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One workflow file of the catalog.
 *
 * @param file the path as the user knows it, e.g. {@code workflows/restart.yaml}
 * @param fileDigest {@code sha256:<hex>} of the file as last read
 * @param serving the version in use: the file's, when it is valid; the last good one when the file
 *     is invalid now; empty when it has never been valid
 * @param errors the file's errors as last read; empty when valid
 * @param checkedAt when the file was last read
 */
public record CatalogEntry(
    String file,
    String fileDigest,
    Optional<Workflow> serving,
    List<WorkflowError> errors,
    Instant checkedAt) {

  public CatalogEntry {
    errors = List.copyOf(errors);
  }

  public boolean valid() {
    return errors.isEmpty();
  }

  /**
   * Whether the workflow in use is older than the file (the file is invalid but a version serves).
   */
  public boolean servingLastGood() {
    return !valid() && serving.isPresent();
  }
}
