package dev.remedy.workflow;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem in a workflow file, printed as {@code file:line:column field: message}, e.g. {@code
 * workflows/restart.yaml:14:9 spec.steps[1].target.kind: unknown kind "Deploymnt" (expected one of
 * Deployment, StatefulSet, DaemonSet, Pod)}.
 *
 * @param file the path as the user knows it (the display path given to the loader)
 * @param line 1-based line of the offending value (of the key, for an unknown or duplicate key)
 * @param column 1-based column, in Unicode code points
 * @param field the path of the field, e.g. {@code spec.steps[1].target.kind}; {@code file} for the
 *     file as a whole (size, encoding), {@code yaml} for YAML syntax and hardening limits
 * @param message what is wrong, without the position
 */
public record WorkflowError(String file, int line, int column, String field, String message) {

  /** File order: by line, then column, then field and message. */
  public static final Comparator<WorkflowError> BY_POSITION =
      Comparator.comparingInt(WorkflowError::line)
          .thenComparingInt(WorkflowError::column)
          .thenComparing(WorkflowError::field)
          .thenComparing(WorkflowError::message);

  public WorkflowError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + " " + field + ": " + message;
  }
}
