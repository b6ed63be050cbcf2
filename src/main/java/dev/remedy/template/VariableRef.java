package dev.remedy.template;

import java.util.List;

/**
 * A variable named by a template expression.
 *
 * @param path the segments, e.g. {@code [labels, namespace]} for {@code labels.namespace} or {@code
 *     labels["Service Name"]}
 * @param column 1-based column of the variable inside the template string
 * @param defaulted whether a {@code default} filter supplies a value when the variable is missing
 */
public record VariableRef(List<String> path, int column, boolean defaulted) {

  public VariableRef {
    path = List.copyOf(path);
  }

  /** The variable as a user would write it: dotted, with brackets for names that need them. */
  public String display() {
    StringBuilder b = new StringBuilder(path.getFirst());
    for (String segment : path.subList(1, path.size())) {
      if (segment.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
        b.append('.').append(segment);
      } else {
        b.append("[\"").append(segment.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
      }
    }
    return b.toString();
  }
}
