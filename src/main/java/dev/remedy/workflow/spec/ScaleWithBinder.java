package dev.remedy.workflow.spec;

import dev.remedy.workflow.spec.NodeReader.Fields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds the {@code with:} of a {@code scale} step: exactly one of {@code replicas}, {@code by},
 * {@code factor}; {@code min} and {@code max} required for the relative ones, and consistent.
 */
final class ScaleWithBinder {

  static final int MAX_DELTA = 10_000;
  static final double MAX_FACTOR = 100;
  private static final List<String> CHANGES = List.of("replicas", "by", "factor");
  private static final Map<String, Boolean> HPA = new LinkedHashMap<>();

  static {
    HPA.put("refuse", false);
    HPA.put("adjust", true);
  }

  private final NodeReader nodes;
  private final ScalarReader scalars;
  private final Problems problems;

  ScaleWithBinder(NodeReader nodes, ScalarReader scalars) {
    this.nodes = nodes;
    this.scalars = scalars;
    this.problems = nodes.problems();
  }

  WithSpec.Scale bind(Fields f) {
    List<String> changes = f.entries().keySet().stream().filter(CHANGES::contains).toList();
    if (changes.size() != 1) {
      Position at =
          changes.isEmpty()
              ? nodes.span(f.node()).start()
              : f.entry(changes.get(1)).orElseThrow().keySpan().start();
      problems.add(at, f.field(), "needs exactly one of replicas, by, factor");
    } else if (!changes.contains("replicas")) {
      for (String bound : List.of("min", "max")) {
        if (!f.entries().containsKey(bound)) {
          problems.add(
              nodes.span(f.node()).start(),
              f.path(bound),
              "required with " + changes.getFirst() + " (a relative change needs bounds)");
        }
      }
    }
    Optional<Value<Integer>> min = integer(f, "min", 0, Integer.MAX_VALUE);
    Optional<Value<Integer>> max = integer(f, "max", 0, Integer.MAX_VALUE);
    if (min.isPresent() && max.isPresent() && max.get().value() < min.get().value()) {
      problems.add(max.get(), "must not be less than min (" + min.get().value() + ")");
    }
    Optional<Value<Integer>> replicas = integer(f, "replicas", 0, Integer.MAX_VALUE);
    replicas.ifPresent(r -> checkBounds(r, min, max));
    Optional<Value<Integer>> by = integer(f, "by", -MAX_DELTA, MAX_DELTA);
    by.filter(b -> b.value() == 0).ifPresent(b -> problems.add(b, "must not be 0"));
    Optional<Value<Double>> factor =
        f.get("factor").flatMap(n -> scalars.number(n, f.path("factor")));
    factor
        .filter(x -> x.value() <= 0 || x.value() > MAX_FACTOR)
        .ifPresent(x -> problems.add(x, "must be greater than 0 and at most 100"));
    return new WithSpec.Scale(
        replicas,
        by,
        factor,
        min,
        max,
        f.get("hpa").flatMap(n -> scalars.choice(n, f.path("hpa"), "hpa mode", HPA)));
  }

  private void checkBounds(
      Value<Integer> replicas, Optional<Value<Integer>> min, Optional<Value<Integer>> max) {
    boolean belowMin = min.isPresent() && replicas.value() < min.get().value();
    boolean aboveMax = max.isPresent() && replicas.value() > max.get().value();
    if (belowMin) {
      problems.add(replicas, "must not be less than min (" + min.get().value() + ")");
    } else if (aboveMax) {
      problems.add(replicas, "must not be more than max (" + max.get().value() + ")");
    }
  }

  private Optional<Value<Integer>> integer(Fields f, String key, int min, int max) {
    return f.get(key).flatMap(n -> scalars.integer(n, f.path(key), min, max));
  }
}
