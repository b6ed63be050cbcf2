package dev.remedy.workflow;

import dev.remedy.template.Template;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** One step of a workflow: an action, or an approval gate. One record per kind of step. */
public sealed interface Step {

  StepSettings settings();

  default String id() {
    return settings().id();
  }

  /** The action this step runs, or empty for an approval. */
  default Optional<ActionType> action() {
    return Optional.empty();
  }

  /** A step that runs an action. */
  sealed interface Action extends Step {
    ActionType type();

    @Override
    default Optional<ActionType> action() {
      return Optional.of(type());
    }
  }

  /** Rollout restart of a workload (a Pod is deleted). */
  record Restart(StepSettings settings, TargetRef target) implements Action {
    @Override
    public ActionType type() {
      return ActionType.RESTART;
    }
  }

  /** Writes the scale subresource, bounded by {@code min}/{@code max}. */
  record Scale(
      StepSettings settings,
      TargetRef target,
      ScaleChange change,
      OptionalInt min,
      OptionalInt max,
      boolean adjustHpa)
      implements Action {
    @Override
    public ActionType type() {
      return ActionType.SCALE;
    }
  }

  /** Sets the backend weights of one rule of an HTTPRoute or VirtualService. */
  record ShiftTraffic(
      StepSettings settings, TargetRef target, int rule, Map<String, Integer> weights)
      implements Action {
    public ShiftTraffic {
      weights = Map.copyOf(weights);
    }

    @Override
    public ActionType type() {
      return ActionType.SHIFT_TRAFFIC;
    }
  }

  /** New random values for some keys of a Secret, then a restart of its consumers. */
  record RotateSecret(
      StepSettings settings,
      TargetRef target,
      List<String> keys,
      int length,
      Alphabet alphabet,
      boolean keepPrevious,
      List<Consumer> restart)
      implements Action {
    public RotateSecret {
      keys = List.copyOf(keys);
      restart = List.copyOf(restart);
    }

    @Override
    public ActionType type() {
      return ActionType.ROTATE_SECRET;
    }

    /** The characters a generated value is drawn from. */
    public enum Alphabet {
      ALPHANUMERIC,
      HEX,
      BASE64URL
    }

    /** A workload that reads the Secret, rolled after the rotation (same namespace). */
    public record Consumer(TargetKind kind, Template name) {}
  }

  /** Waits, without holding a thread, until the rollout of a workload is complete. */
  record WaitForRollout(StepSettings settings, TargetRef target) implements Action {
    @Override
    public ActionType type() {
      return ActionType.WAIT_FOR_ROLLOUT;
    }
  }

  /** Waits until the alert that started the run is resolved. */
  record WaitForResolved(StepSettings settings) implements Action {
    @Override
    public ActionType type() {
      return ActionType.WAIT_FOR_RESOLVED;
    }
  }

  /** Undoes an earlier mutating step of the same run from what that step recorded. */
  record Revert(StepSettings settings, String step) implements Action {
    @Override
    public ActionType type() {
      return ActionType.REVERT;
    }
  }

  /**
   * Calls an HTTP endpoint on an allowed host.
   *
   * @param expectStatus the statuses that count as success; empty means any 2xx
   */
  record Http(
      StepSettings settings,
      String method,
      Template url,
      Map<String, Template> headers,
      Optional<Template> body,
      Set<Integer> expectStatus)
      implements Action {
    public Http {
      headers = Map.copyOf(headers);
      expectStatus = Set.copyOf(expectStatus);
    }

    @Override
    public ActionType type() {
      return ActionType.HTTP;
    }

    /** Whether a response with this status is a success. */
    public boolean expects(int status) {
      return expectStatus.isEmpty()
          ? status >= 200 && status <= 299
          : expectStatus.contains(status);
    }
  }

  /** Posts a message to Slack (or the configured notifier). */
  record Notify(StepSettings settings, Template text, Optional<String> channel) implements Action {
    @Override
    public ActionType type() {
      return ActionType.NOTIFY;
    }
  }

  /**
   * Stops the run until {@code quorum} distinct listed approvers decide, or the timeout expires.
   *
   * @param approvers Slack user ids and {@code group:<name>} references
   */
  record Approval(
      StepSettings settings,
      List<String> approvers,
      int quorum,
      Duration timeout,
      OnTimeout onTimeout,
      Template message)
      implements Step {
    public Approval {
      approvers = List.copyOf(approvers);
    }

    /** What expiry of the approval means. */
    public enum OnTimeout {
      REJECT,
      APPROVE
    }
  }
}
