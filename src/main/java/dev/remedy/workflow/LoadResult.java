package dev.remedy.workflow;

import java.util.List;

/** What loading one workflow file gave: a valid workflow, or every error found in it. */
public sealed interface LoadResult {

  /** The file is valid; {@code workflow.source()} names it and holds the digest of its bytes. */
  record Loaded(Workflow workflow) implements LoadResult {}

  /**
   * The file is not valid; the workflow it describes must not replace a last good version.
   *
   * @param errors at least one, sorted by position
   */
  record Invalid(List<WorkflowError> errors) implements LoadResult {
    public Invalid {
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid file has at least one error");
      }
      errors = errors.stream().sorted(WorkflowError.BY_POSITION).toList();
    }
  }
}
