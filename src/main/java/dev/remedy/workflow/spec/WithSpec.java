package dev.remedy.workflow.spec;

import dev.remedy.template.Template;
import dev.remedy.workflow.Step.RotateSecret.Alphabet;
import dev.remedy.workflow.TargetKind;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The {@code with:} of a step, one record per action that takes one. */
sealed interface WithSpec {

  /** Every template in it, for the variable check. */
  List<Value<Template>> templates();

  /** {@code scale}: exactly one of replicas, by, factor. */
  record Scale(
      Optional<Value<Integer>> replicas,
      Optional<Value<Integer>> by,
      Optional<Value<Double>> factor,
      Optional<Value<Integer>> min,
      Optional<Value<Integer>> max,
      Optional<Value<Boolean>> adjustHpa)
      implements WithSpec {
    @Override
    public List<Value<Template>> templates() {
      return List.of();
    }
  }

  /** {@code shiftTraffic}. */
  record ShiftTraffic(Optional<Value<Integer>> rule, Value<List<Weight>> weights)
      implements WithSpec {
    @Override
    public List<Value<Template>> templates() {
      return List.of();
    }
  }

  /** One backend weight of {@code shiftTraffic}. */
  record Weight(String backend, Value<Integer> weight) {}

  /** {@code rotateSecret}. */
  record RotateSecret(
      List<Value<String>> keys,
      Optional<Value<Integer>> length,
      Optional<Value<Alphabet>> alphabet,
      Optional<Value<Boolean>> keepPrevious,
      List<Consumer> restart)
      implements WithSpec {
    @Override
    public List<Value<Template>> templates() {
      return restart.stream().flatMap(c -> c.name().stream()).toList();
    }
  }

  /** A workload of {@code rotateSecret.restart}. */
  record Consumer(Optional<Value<TargetKind>> kind, Optional<Value<Template>> name) {}

  /** {@code revert}. */
  record Revert(Optional<Value<String>> step) implements WithSpec {
    @Override
    public List<Value<Template>> templates() {
      return List.of();
    }
  }

  /** {@code http}. */
  record Http(
      Optional<Value<String>> method,
      Optional<Value<Template>> url,
      List<Header> headers,
      Optional<Value<Template>> body,
      List<Value<Integer>> expectStatus)
      implements WithSpec {
    @Override
    public List<Value<Template>> templates() {
      return Stream.of(url.stream(), headers.stream().map(Header::value), body.stream())
          .flatMap(s -> s)
          .toList();
    }
  }

  /** One header of {@code http}. */
  record Header(String name, Value<Template> value) {}

  /** {@code notify}. */
  record Notify(Optional<Value<Template>> text, Optional<Value<String>> channel)
      implements WithSpec {
    @Override
    public List<Value<Template>> templates() {
      return text.stream().toList();
    }
  }
}
