package dev.remedy.workflow.spec;

import dev.remedy.workflow.OnResolved;
import dev.remedy.workflow.spec.NodeReader.Entry;
import dev.remedy.workflow.spec.NodeReader.Fields;
import dev.remedy.workflow.spec.NodeReader.Item;
import dev.remedy.workflow.spec.WorkflowSpec.GuardsSpec;
import dev.remedy.workflow.spec.WorkflowSpec.ParamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Binds the YAML tree of a workflow file to a {@link WorkflowSpec}, table-driven by {@link
 * SpecShapes}. Reports everything that can be checked inside one object (keys, types, ranges,
 * syntax of scalars); checks across objects are {@link WorkflowAssembler}'s.
 */
final class WorkflowBinder {

  static final String API_VERSION = "remedy/v1";
  static final String KIND = "Workflow";
  static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  static final String DNS_LABEL_HELP =
      "a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter"
          + " or digit, at most 63 characters)";
  static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,62}");

  private static final Map<String, OnResolved> ON_RESOLVED = choices(OnResolved.values());

  private final NodeReader nodes;
  private final ScalarReader scalars;
  private final Problems problems;
  private final StepBinder steps;

  private WorkflowBinder(SourceText text, Problems problems) {
    this.nodes = new NodeReader(text, problems);
    this.scalars = new ScalarReader(nodes);
    this.problems = nodes.problems();
    this.steps = new StepBinder(nodes, scalars);
  }

  static WorkflowSpec bind(Node root, SourceText text, Problems problems) {
    return new WorkflowBinder(text, problems).workflow(root);
  }

  private WorkflowSpec workflow(Node root) {
    if (!(root instanceof MappingNode)) {
      problems.add(
          nodes.span(root).start(),
          "document",
          "expected a mapping with apiVersion, kind, metadata and spec, got "
              + NodeReader.describe(root));
    }
    Optional<Fields> top =
        root instanceof MappingNode
            ? nodes.object(root, "", SpecShapes.WORKFLOW)
            : Optional.empty();
    Optional<Fields> metadata = top.flatMap(f -> sub(f, "metadata", SpecShapes.METADATA));
    Optional<Fields> spec = top.flatMap(f -> sub(f, "spec", SpecShapes.SPEC));
    return new WorkflowSpec(
        top.flatMap(f -> constant(f, "apiVersion", API_VERSION)),
        top.flatMap(f -> constant(f, "kind", KIND)),
        metadata.flatMap(
            f ->
                f.get("name")
                    .flatMap(n -> scalars.matching(n, f.path("name"), DNS_LABEL, DNS_LABEL_HELP))),
        metadata.flatMap(
            f -> f.get("description").flatMap(n -> scalars.text(n, f.path("description")))),
        spec.map(this::matchers).orElse(List.of()),
        spec.flatMap(
            f ->
                f.get("onResolved")
                    .flatMap(
                        n -> scalars.choice(n, f.path("onResolved"), "onResolved", ON_RESOLVED))),
        spec.flatMap(
            f -> f.get("dedupKey").flatMap(n -> scalars.template(n, f.path("dedupKey"), false))),
        spec.map(this::params).orElse(List.of()),
        spec.flatMap(f -> sub(f, "guards", SpecShapes.GUARDS))
            .map(this::guards)
            .orElse(GuardsSpec.NONE),
        spec.map(f -> steps(f, "steps", 1, false)).orElse(List.of()),
        spec.map(f -> steps(f, "onFailure", 0, true)).orElse(List.of()));
  }

  private Optional<Fields> sub(Fields parent, String key, Shape shape) {
    return parent.get(key).flatMap(n -> nodes.object(n, parent.path(key), shape));
  }

  private Optional<Value<String>> constant(Fields fields, String key, String expected) {
    Optional<Value<String>> value =
        fields.get(key).flatMap(n -> scalars.string(n, fields.path(key)));
    if (value.isPresent() && !value.get().value().equals(expected)) {
      problems.add(
          value.get(),
          "unsupported " + key + " \"" + value.get().value() + "\" (expected " + expected + ")");
      return Optional.empty();
    }
    return value;
  }

  private List<Value<String>> matchers(Fields spec) {
    List<Value<String>> matchers = new ArrayList<>();
    spec.get("matchers")
        .flatMap(n -> nodes.list(n, spec.path("matchers"), 1))
        .ifPresent(
            items ->
                items.forEach(i -> scalars.string(i.node(), i.field()).ifPresent(matchers::add)));
    return matchers;
  }

  private List<ParamSpec> params(Fields spec) {
    List<ParamSpec> params = new ArrayList<>();
    Optional<List<Entry>> entries =
        spec.get("params").flatMap(n -> nodes.map(n, spec.path("params")));
    for (Entry entry : entries.orElse(List.of())) {
      Value<String> name = new Value<>(entry.key(), entry.field(), entry.keySpan());
      if (!PARAM_NAME.matcher(entry.key()).matches()) {
        problems.add(
            name,
            "\""
                + entry.key()
                + "\" is not a valid param name (a letter or '_', then letters,"
                + " digits, '_' or '-', at most 63 characters)");
      }
      nodes
          .object(entry.value(), entry.field(), SpecShapes.PARAM)
          .ifPresent(
              f ->
                  params.add(
                      new ParamSpec(
                          name,
                          f.get("value").flatMap(n -> scalars.template(n, f.path("value"), false)),
                          f.get("pattern").flatMap(n -> scalars.regex(n, f.path("pattern"))))));
    }
    return params;
  }

  private GuardsSpec guards(Fields guards) {
    Optional<Fields> rateLimit = sub(guards, "rateLimit", SpecShapes.RATE_LIMIT);
    return new GuardsSpec(
        guards.get("cooldown").flatMap(n -> scalars.duration(n, guards.path("cooldown"), true)),
        rateLimit.flatMap(
            f ->
                f.get("runs")
                    .flatMap(n -> scalars.integer(n, f.path("runs"), 1, Integer.MAX_VALUE))),
        rateLimit.flatMap(
            f -> f.get("per").flatMap(n -> scalars.duration(n, f.path("per"), false))),
        guards
            .get("maxConcurrentRuns")
            .flatMap(
                n -> scalars.integer(n, guards.path("maxConcurrentRuns"), 1, Integer.MAX_VALUE)),
        guards.get("dryRun").flatMap(n -> scalars.bool(n, guards.path("dryRun"))));
  }

  private List<StepSpec> steps(Fields spec, String key, int minItems, boolean onFailure) {
    List<StepSpec> bound = new ArrayList<>();
    for (Item item :
        spec.get(key).flatMap(n -> nodes.list(n, spec.path(key), minItems)).orElse(List.of())) {
      steps.step(item, onFailure).ifPresent(bound::add);
    }
    return bound;
  }

  /** Lower-camel YAML names of an enum's constants, in declaration order. */
  static <E extends Enum<E>> Map<String, E> choices(E[] values) {
    Map<String, E> byName = new LinkedHashMap<>();
    for (E value : values) {
      byName.put(value.name().toLowerCase(Locale.ROOT), value);
    }
    return byName;
  }
}
