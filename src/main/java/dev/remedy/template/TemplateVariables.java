package dev.remedy.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables a template may name in one place of a workflow, for the check at load time. Each
 * workflow field gets its own: params are rendered from the alert only, step fields may also read
 * params and the outputs of earlier steps, {@code run.failure} exists only in {@code onFailure}.
 *
 * @param params declared param names, or null when params cannot be read here
 * @param steps the outputs of each step that may be read here (earlier steps), by step id
 * @param run whether {@code run.id} may be read
 * @param runFailure whether {@code run.failure} may be read
 * @param alert whether the alert (labels, annotations, alert fields) may be read directly; not in a
 *     step's target, which a label must never choose unchecked: a param with a pattern does
 */
public record TemplateVariables(
    Set<String> params,
    Map<String, Set<String>> steps,
    boolean run,
    boolean runFailure,
    boolean alert) {

  public static final List<String> ALERT_FIELDS =
      List.of("fingerprint", "startsAt", "generatorURL");

  /** Only the alert: labels, annotations and alert fields (for params). */
  public static TemplateVariables alertOnly() {
    return new TemplateVariables(null, Map.of(), false, false, true);
  }

  /** The same, except that the alert cannot be read directly (a step's target). */
  public TemplateVariables withoutAlert() {
    return new TemplateVariables(params, steps, run, runFailure, false);
  }

  /** Why {@code ref} cannot be read here, or empty when it can. */
  public Optional<String> problem(VariableRef ref) {
    List<String> path = ref.path();
    String root = path.getFirst();
    String rest = path.size() > 1 ? path.get(1) : null;
    if (!alert && (root.equals("labels") || root.equals("annotations") || root.equals("alert"))) {
      return Optional.of(
          root
              + " cannot be used in a target: alert data is attacker-controlled; fill a param"
              + " from it and constrain the param with a pattern");
    }
    return Optional.ofNullable(
        switch (root) {
          case "labels", "annotations" ->
              rest == null
                  ? root + " needs a name, e.g. " + root + ".namespace"
                  : tooLong(ref, 2, "a " + root.substring(0, root.length() - 1) + " value");
          case "alert" -> field(ref, "alert field", ALERT_FIELDS);
          case "params" -> params(ref);
          case "run" -> run(ref);
          case "steps" -> steps(ref);
          default ->
              "unknown variable \""
                  + ref.display()
                  + "\" (variables start with labels, annotations, alert, params, run or steps)";
        });
  }

  private String params(VariableRef ref) {
    if (params == null) {
      return "params cannot be used here: params are rendered from the alert";
    }
    return field(ref, "param", params);
  }

  private String run(VariableRef ref) {
    if (!run) {
      return "run fields cannot be used here";
    }
    List<String> fields = runFailure ? List.of("id", "failure") : List.of("id");
    String problem = field(ref, "run field", fields);
    if (problem != null && ref.path().size() == 2 && ref.path().get(1).equals("failure")) {
      return "run.failure can only be used in onFailure steps";
    }
    return problem;
  }

  private String steps(VariableRef ref) {
    List<String> path = ref.path();
    if (path.size() < 3) {
      return "steps needs a step id and an output, e.g. steps.restart.restartedAt";
    }
    Set<String> outputs = steps.get(path.get(1));
    if (outputs == null) {
      return "unknown step \""
          + path.get(1)
          + "\": only earlier steps can be read"
          + (steps.isEmpty() ? "" : " (" + String.join(", ", new TreeSet<>(steps.keySet())) + ")");
    }
    if (!outputs.contains(path.get(2))) {
      return "step \""
          + path.get(1)
          + "\" has no output \""
          + path.get(2)
          + "\""
          + (outputs.isEmpty()
              ? " (it has none)"
              : " (expected one of " + String.join(", ", new TreeSet<>(outputs)) + ")");
    }
    return tooLong(ref, 3, "a step output");
  }

  private static String field(VariableRef ref, String what, java.util.Collection<String> known) {
    List<String> path = ref.path();
    if (path.size() < 2) {
      return path.getFirst() + " needs a name, e.g. " + path.getFirst() + "." + first(known);
    }
    if (!known.contains(path.get(1))) {
      return "unknown "
          + what
          + " \""
          + path.get(1)
          + "\""
          + (known.isEmpty()
              ? " (none declared)"
              : " (expected one of " + String.join(", ", sortedIfSet(known)) + ")");
    }
    return tooLong(ref, 2, "a " + what);
  }

  private static String tooLong(VariableRef ref, int length, String what) {
    return ref.path().size() > length ? ref.display() + ": " + what + " has no fields" : null;
  }

  private static String first(java.util.Collection<String> known) {
    return known.isEmpty() ? "name" : sortedIfSet(known).getFirst();
  }

  private static List<String> sortedIfSet(java.util.Collection<String> known) {
    return known instanceof List<String> list ? list : List.copyOf(new TreeSet<>(known));
  }
}
