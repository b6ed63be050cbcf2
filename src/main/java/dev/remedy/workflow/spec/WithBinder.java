package dev.remedy.workflow.spec;

import dev.remedy.template.Template;
import dev.remedy.workflow.ActionType;
import dev.remedy.workflow.Step.RotateSecret.Alphabet;
import dev.remedy.workflow.TargetKind;
import dev.remedy.workflow.spec.NodeReader.Entry;
import dev.remedy.workflow.spec.NodeReader.Fields;
import dev.remedy.workflow.spec.NodeReader.Item;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/** Binds the {@code with:} of a step by its action, with the checks local to it. */
final class WithBinder {

  static final int MIN_SECRET_LENGTH = 16;
  static final int MAX_SECRET_LENGTH = 4096;
  static final int MAX_WEIGHT = 1_000_000;
  static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");
  static final List<TargetKind> CONSUMER_KINDS =
      List.of(TargetKind.DEPLOYMENT, TargetKind.STATEFUL_SET, TargetKind.DAEMON_SET);

  private static final Map<String, Alphabet> ALPHABETS = WorkflowBinder.choices(Alphabet.values());
  private final NodeReader nodes;
  private final ScalarReader scalars;
  private final Problems problems;
  private final HttpWithBinder http;
  private final ScaleWithBinder scale;

  WithBinder(NodeReader nodes, ScalarReader scalars) {
    this.nodes = nodes;
    this.scalars = scalars;
    this.problems = nodes.problems();
    this.http = new HttpWithBinder(nodes, scalars);
    this.scale = new ScaleWithBinder(nodes, scalars);
  }

  /** The {@code with} of {@code action}; empty when the action takes none (reported elsewhere). */
  Optional<WithSpec> bind(ActionType action, Node node, String field) {
    return SpecShapes.with(action)
        .flatMap(shape -> nodes.object(node, field, shape))
        .map(
            f ->
                switch (action) {
                  case SCALE -> scale.bind(f);
                  case SHIFT_TRAFFIC -> shiftTraffic(f);
                  case ROTATE_SECRET -> rotateSecret(f);
                  case REVERT -> new WithSpec.Revert(string(f, "step"));
                  case HTTP -> http.bind(f);
                  case NOTIFY -> new WithSpec.Notify(template(f, "text"), literal(f, "channel"));
                  case RESTART, WAIT_FOR_ROLLOUT, WAIT_FOR_RESOLVED ->
                      throw new IllegalStateException(action + " takes no with");
                });
  }

  private WithSpec shiftTraffic(Fields f) {
    List<WithSpec.Weight> weights = new ArrayList<>();
    Optional<Node> node = f.get("weights");
    Optional<List<Entry>> entries = node.flatMap(n -> nodes.map(n, f.path("weights")));
    if (entries.isPresent() && entries.get().isEmpty()) {
      problems.add(nodes.span(node.get()).start(), f.path("weights"), "must not be empty");
    }
    for (Entry entry : entries.orElse(List.of())) {
      if (entry.key().contains("{{")) {
        problems.add(
            entry.keySpan().start(), entry.field(), "backend names are literal, not templates");
      }
      scalars
          .integer(entry.value(), entry.field(), 0, MAX_WEIGHT)
          .ifPresent(w -> weights.add(new WithSpec.Weight(entry.key(), w)));
    }
    Span span = node.map(nodes::span).orElse(nodes.span(f.node()));
    return new WithSpec.ShiftTraffic(
        integer(f, "rule", 0), new Value<>(List.copyOf(weights), f.path("weights"), span));
  }

  private WithSpec rotateSecret(Fields f) {
    List<Value<String>> keys = new ArrayList<>();
    Map<String, Value<String>> seen = new HashMap<>();
    for (Item item :
        f.get("keys").flatMap(n -> nodes.list(n, f.path("keys"), 1)).orElse(List.of())) {
      scalars
          .matching(
              item.node(),
              item.field(),
              SECRET_KEY,
              "a Secret key (letters, digits, '-', '_' and '.')")
          .ifPresent(
              k -> {
                if (seen.putIfAbsent(k.value(), k) != null) {
                  problems.add(k, "duplicate key \"" + k.value() + "\"");
                } else {
                  keys.add(k);
                }
              });
    }
    List<WithSpec.Consumer> restart = new ArrayList<>();
    for (Item item :
        f.get("restart").flatMap(n -> nodes.list(n, f.path("restart"), 0)).orElse(List.of())) {
      nodes
          .object(item.node(), item.field(), SpecShapes.CONSUMER)
          .ifPresent(
              c ->
                  restart.add(
                      new WithSpec.Consumer(
                          c.get("kind").flatMap(n -> kind(n, c.path("kind"))),
                          c.get("name").flatMap(n -> scalars.template(n, c.path("name"), false)))));
    }
    return new WithSpec.RotateSecret(
        keys,
        f.get("length")
            .flatMap(
                n -> scalars.integer(n, f.path("length"), MIN_SECRET_LENGTH, MAX_SECRET_LENGTH)),
        f.get("alphabet")
            .flatMap(n -> scalars.choice(n, f.path("alphabet"), "alphabet", ALPHABETS)),
        f.get("keepPrevious").flatMap(n -> scalars.bool(n, f.path("keepPrevious"))),
        restart);
  }

  private Optional<Value<TargetKind>> kind(Node node, String field) {
    Map<String, TargetKind> kinds = new LinkedHashMap<>();
    CONSUMER_KINDS.forEach(k -> kinds.put(k.kind(), k));
    return scalars.choice(node, field, "kind", kinds);
  }

  private Optional<Value<Integer>> integer(Fields f, String key, int min) {
    return f.get(key).flatMap(n -> scalars.integer(n, f.path(key), min, Integer.MAX_VALUE));
  }

  private Optional<Value<String>> string(Fields f, String key) {
    return f.get(key).flatMap(n -> scalars.string(n, f.path(key)));
  }

  /** A string that names something fixed (a Slack channel): written literally, never templated. */
  private Optional<Value<String>> literal(Fields f, String key) {
    Optional<Value<String>> value = string(f, key);
    value
        .filter(v -> v.value().contains("{{"))
        .ifPresent(v -> problems.add(v, key + " is written literally, not templated"));
    return value;
  }

  private Optional<Value<Template>> template(Fields f, String key) {
    return f.get(key).flatMap(n -> scalars.template(n, f.path(key), false));
  }
}
