package dev.remedy.workflow.spec;

import dev.remedy.workflow.WorkflowError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The errors found in one file so far: all of them are reported, not just the first. */
final class Problems {

  /** The field of errors about the file as a whole (size, encoding, name). */
  static final String FILE = "file";

  /** The field of YAML syntax errors and hardening limits. */
  static final String YAML = "yaml";

  /** The most errors reported for one file. */
  static final int MAX_SHOWN = 100;

  private final String file;
  private final Set<WorkflowError> errors = new LinkedHashSet<>();

  Problems(String file) {
    this.file = file;
  }

  void add(Position position, String field, String message) {
    errors.add(new WorkflowError(file, position.line(), position.column(), field, message));
  }

  void add(Value<?> value, String message) {
    add(value.position(), value.field(), message);
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /**
   * The errors sorted by position, duplicates (a value read twice through an alias) once; past
   * {@value #MAX_SHOWN}, one last error says how many more there are.
   */
  List<WorkflowError> sorted() {
    List<WorkflowError> sorted = errors.stream().sorted(WorkflowError.BY_POSITION).toList();
    if (sorted.size() <= MAX_SHOWN) {
      return sorted;
    }
    List<WorkflowError> shown = new ArrayList<>(sorted.subList(0, MAX_SHOWN));
    WorkflowError next = sorted.get(MAX_SHOWN);
    shown.add(
        new WorkflowError(
            file,
            next.line(),
            next.column(),
            FILE,
            (sorted.size() - MAX_SHOWN) + " more errors from here on are not shown"));
    return List.copyOf(shown);
  }
}
