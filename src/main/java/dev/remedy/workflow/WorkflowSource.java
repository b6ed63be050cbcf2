package dev.remedy.workflow;

/**
 * Where a workflow version came from.
 *
 * @param file the path as the user knows it, e.g. {@code workflows/restart.yaml}
 * @param digest {@code sha256:<hex>} of the file's bytes: the version of the workflow
 */
public record WorkflowSource(String file, String digest) {}
