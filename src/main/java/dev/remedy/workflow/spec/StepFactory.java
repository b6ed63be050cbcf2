package dev.remedy.workflow.spec;

import dev.remedy.template.Template;
import dev.remedy.workflow.ActionType;
import dev.remedy.workflow.Condition;
import dev.remedy.workflow.RetryPolicy;
import dev.remedy.workflow.ScaleChange;
import dev.remedy.workflow.Step;
import dev.remedy.workflow.Step.Approval.OnTimeout;
import dev.remedy.workflow.Step.RotateSecret.Alphabet;
import dev.remedy.workflow.StepSettings;
import dev.remedy.workflow.TargetRef;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds runtime steps from step specs that passed validation (so every required value is there),
 * filling in the documented defaults.
 */
final class StepFactory {

  static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(5);
  static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(1);
  static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofHours(1);
  static final int DEFAULT_SECRET_LENGTH = 32;

  private StepFactory() {}

  static Step build(StepSpec spec) {
    String id = spec.id().orElseThrow().value();
    List<Condition> when =
        spec.when().stream()
            .map(Value::value)
            .map(c -> new Condition(c.source(), c.variable(), c.matcher()))
            .toList();
    if (spec.approval().isPresent()) {
      StepSpec.ApprovalSpec a = spec.approval().get();
      Duration timeout = value(a.timeout()).orElse(DEFAULT_APPROVAL_TIMEOUT);
      return new Step.Approval(
          new StepSettings(id, timeout, RetryPolicy.NONE, when),
          a.approvers().stream().map(Value::value).toList(),
          value(a.quorum()).orElse(1),
          timeout,
          value(a.onTimeout()).orElse(OnTimeout.REJECT),
          value(a.message()).orElse(Template.literal("")));
    }
    ActionType action = spec.action().orElseThrow().value();
    StepSettings settings =
        new StepSettings(
            id, value(spec.timeout()).orElse(action.defaultTimeout()), retry(spec), when);
    return switch (action) {
      case RESTART -> new Step.Restart(settings, target(spec));
      case WAIT_FOR_ROLLOUT -> new Step.WaitForRollout(settings, target(spec));
      case WAIT_FOR_RESOLVED -> new Step.WaitForResolved(settings);
      case SCALE -> scale(settings, spec, (WithSpec.Scale) spec.with().orElseThrow());
      case SHIFT_TRAFFIC ->
          shiftTraffic(settings, spec, (WithSpec.ShiftTraffic) spec.with().orElseThrow());
      case ROTATE_SECRET ->
          rotateSecret(settings, spec, (WithSpec.RotateSecret) spec.with().orElseThrow());
      case REVERT ->
          new Step.Revert(
              settings, ((WithSpec.Revert) spec.with().orElseThrow()).step().orElseThrow().value());
      case HTTP -> http(settings, (WithSpec.Http) spec.with().orElseThrow());
      case NOTIFY -> {
        WithSpec.Notify n = (WithSpec.Notify) spec.with().orElseThrow();
        yield new Step.Notify(settings, n.text().orElseThrow().value(), value(n.channel()));
      }
    };
  }

  private static RetryPolicy retry(StepSpec spec) {
    return spec.retry()
        .map(
            r -> {
              Duration backoff = value(r.backoff()).orElse(DEFAULT_BACKOFF);
              Duration max =
                  value(r.maxBackoff())
                      .orElse(
                          backoff.compareTo(DEFAULT_MAX_BACKOFF) > 0
                              ? backoff
                              : DEFAULT_MAX_BACKOFF);
              return new RetryPolicy(r.attempts().value(), backoff, max);
            })
        .orElse(RetryPolicy.NONE);
  }

  private static TargetRef target(StepSpec spec) {
    StepSpec.TargetSpec t = spec.target().orElseThrow();
    return new TargetRef(
        t.kind().orElseThrow().value(),
        t.namespace().orElseThrow().value(),
        t.name().orElseThrow().value());
  }

  private static Step scale(StepSettings settings, StepSpec spec, WithSpec.Scale s) {
    ScaleChange change =
        s.replicas()
            .<ScaleChange>map(r -> new ScaleChange.To(r.value()))
            .or(() -> s.by().map(b -> new ScaleChange.By(b.value())))
            .orElseGet(() -> new ScaleChange.Factor(s.factor().orElseThrow().value()));
    return new Step.Scale(
        settings,
        target(spec),
        change,
        optionalInt(s.min()),
        optionalInt(s.max()),
        value(s.adjustHpa()).orElse(false));
  }

  private static Step shiftTraffic(StepSettings settings, StepSpec spec, WithSpec.ShiftTraffic s) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    s.weights().value().forEach(w -> weights.put(w.backend(), w.weight().value()));
    return new Step.ShiftTraffic(settings, target(spec), value(s.rule()).orElse(0), weights);
  }

  private static Step rotateSecret(StepSettings settings, StepSpec spec, WithSpec.RotateSecret s) {
    return new Step.RotateSecret(
        settings,
        target(spec),
        s.keys().stream().map(Value::value).toList(),
        value(s.length()).orElse(DEFAULT_SECRET_LENGTH),
        value(s.alphabet()).orElse(Alphabet.ALPHANUMERIC),
        value(s.keepPrevious()).orElse(false),
        s.restart().stream()
            .map(
                c ->
                    new Step.RotateSecret.Consumer(
                        c.kind().orElseThrow().value(), c.name().orElseThrow().value()))
            .toList());
  }

  private static Step http(StepSettings settings, WithSpec.Http h) {
    Map<String, Template> headers = new LinkedHashMap<>();
    h.headers().forEach(header -> headers.put(header.name(), header.value().value()));
    Set<Integer> expect =
        h.expectStatus().stream().map(Value::value).collect(Collectors.toCollection(TreeSet::new));
    return new Step.Http(
        settings,
        value(h.method()).orElse("GET"),
        h.url().orElseThrow().value(),
        headers,
        value(h.body()),
        expect);
  }

  private static <T> Optional<T> value(Optional<Value<T>> value) {
    return value.map(Value::value);
  }

  private static OptionalInt optionalInt(Optional<Value<Integer>> value) {
    return value.map(v -> OptionalInt.of(v.value())).orElse(OptionalInt.empty());
  }
}
