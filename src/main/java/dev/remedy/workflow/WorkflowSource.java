package dev.remedy.workflow;

/**
 * Where a workflow version came from.
 *
 * @param file the path as the user knows it, e.g. {@code workflows/restart.yaml}
 * @param digest {@code sha256:<hex>} of the file's bytes: the version of the workflow
 * @param text the file's text, kept with each run's version so a run can finish the version it
 *     started with even after the file changed
 */
public record WorkflowSource(String file, String digest, String text) {

  public WorkflowSource {
    text = text == null ? "" : text;
  }

  public WorkflowSource(String file, String digest) {
    this(file, digest, "");
  }
}
