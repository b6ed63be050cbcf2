package dev.remedy.workflow.spec;

import dev.remedy.workflow.ActionType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every object of the {@code remedy/v1} format and its keys: the binder's table, as data. */
final class SpecShapes {

  static final Shape WORKFLOW =
      new Shape(
          "workflow",
          List.of("apiVersion", "kind", "metadata", "spec"),
          Set.of("apiVersion", "kind", "metadata", "spec"));
  static final Shape METADATA =
      new Shape("metadata", List.of("name", "description"), Set.of("name"));
  static final Shape SPEC =
      new Shape(
          "spec",
          List.of("matchers", "onResolved", "dedupKey", "params", "guards", "steps", "onFailure"),
          Set.of("matchers", "steps"));
  static final Shape PARAM = new Shape("param", List.of("value", "pattern"), Set.of("value"));
  static final Shape GUARDS =
      new Shape(
          "guards", List.of("cooldown", "rateLimit", "maxConcurrentRuns", "dryRun"), Set.of());
  static final Shape RATE_LIMIT =
      new Shape("rateLimit", List.of("runs", "per"), Set.of("runs", "per"));
  static final Shape STEP =
      new Shape(
          "step",
          List.of("id", "action", "approval", "target", "with", "timeout", "retry", "when"),
          Set.of("id"));
  static final Shape APPROVAL =
      new Shape(
          "approval",
          List.of("approvers", "quorum", "timeout", "onTimeout", "message"),
          Set.of("approvers"));
  static final Shape TARGET =
      new Shape(
          "target", List.of("kind", "namespace", "name"), Set.of("kind", "namespace", "name"));
  static final Shape RETRY =
      new Shape("retry", List.of("attempts", "backoff", "maxBackoff"), Set.of("attempts"));
  static final Shape SCALE =
      new Shape("with.scale", List.of("replicas", "by", "factor", "min", "max", "hpa"), Set.of());
  static final Shape SHIFT_TRAFFIC =
      new Shape("with.shiftTraffic", List.of("rule", "weights"), Set.of("weights"));
  static final Shape ROTATE_SECRET =
      new Shape(
          "with.rotateSecret",
          List.of("keys", "length", "alphabet", "keepPrevious", "restart"),
          Set.of("keys"));
  static final Shape CONSUMER =
      new Shape("consumer", List.of("kind", "name"), Set.of("kind", "name"));
  static final Shape REVERT = new Shape("with.revert", List.of("step"), Set.of("step"));
  static final Shape HTTP =
      new Shape(
          "with.http", List.of("method", "url", "headers", "body", "expectStatus"), Set.of("url"));
  static final Shape NOTIFY = new Shape("with.notify", List.of("text", "channel"), Set.of("text"));

  /** Every shape, for the schema drift test. */
  static final List<Shape> ALL =
      List.of(
          WORKFLOW,
          METADATA,
          SPEC,
          PARAM,
          GUARDS,
          RATE_LIMIT,
          STEP,
          APPROVAL,
          TARGET,
          RETRY,
          SCALE,
          SHIFT_TRAFFIC,
          ROTATE_SECRET,
          CONSUMER,
          REVERT,
          HTTP,
          NOTIFY);

  private SpecShapes() {}

  /** The keys of {@code with:} for an action; empty when the action takes no {@code with}. */
  static Optional<Shape> with(ActionType action) {
    return Optional.ofNullable(
        switch (action) {
          case SCALE -> SCALE;
          case SHIFT_TRAFFIC -> SHIFT_TRAFFIC;
          case ROTATE_SECRET -> ROTATE_SECRET;
          case REVERT -> REVERT;
          case HTTP -> HTTP;
          case NOTIFY -> NOTIFY;
          case RESTART, WAIT_FOR_ROLLOUT, WAIT_FOR_RESOLVED -> null;
        });
  }
}
