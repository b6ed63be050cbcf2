package dev.remedy.run;

import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.ClusterOperations;
import dev.remedy.cluster.ClusterRequest;
import dev.remedy.cluster.Effect;
import dev.remedy.cluster.RolloutState;
import dev.remedy.cluster.WorkloadRef;
import dev.remedy.workflow.ActionType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A cluster in memory that keeps the {@link ClusterOperations} contract the way the Fabric8 adapter
 * does: a mutating call reads, checkpoints what its revert needs (or reuses {@link
 * ActionCall#recorded()} on a repeat), then writes, or only logs a dry-run write. Every call is
 * recorded; faults can be queued per method.
 */
final class FakeCluster implements ClusterOperations {

  /** One call to the port, with what it was given. */
  record Invocation(
      String method,
      ActionCall call,
      WorkloadRef target,
      Instant restartedAt,
      ActionType revertedAction,
      Map<String, String> revertRecorded) {}

  /** What the next call of a method does besides its normal work. */
  sealed interface Fault {
    /** Fails before reading anything. */
    record Fail(StepFailure failure) implements Fault {}

    /** Checkpoints and writes, then fails: the write landed but its answer was lost. */
    record FailAfterWrite(StepFailure failure) implements Fault {}

    /** Hangs (interruptibly) before doing anything. */
    record Hang(Duration duration) implements Fault {}

    /** Runs {@code hook} after the read, before the checkpoint. */
    record BeforeCheckpoint(Runnable hook) implements Fault {}

    /** Runs {@code hook} after the write, before answering. */
    record AfterWrite(Runnable hook) implements Fault {}
  }

  private final List<Invocation> invocations = new ArrayList<>();
  private final List<String> writes = new ArrayList<>();
  private final List<String> dryRunWrites = new ArrayList<>();
  private final Map<String, Deque<Fault>> faults = new HashMap<>();
  private final Deque<RolloutState> rollouts = new ArrayDeque<>();
  private final Map<WorkloadRef, Integer> replicas = new HashMap<>();
  private final Map<WorkloadRef, String> restartedAt = new HashMap<>();
  private final CountDownLatch interrupted = new CountDownLatch(1);
  private volatile boolean effectsCarryRecorded = true;
  private int resourceVersion = 100;

  // ------------------------------------------------------------------ set-up

  synchronized void fault(String method, Fault fault) {
    faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(fault);
  }

  synchronized void rollouts(RolloutState... states) {
    rollouts.addAll(List.of(states));
  }

  synchronized void replicas(WorkloadRef target, int count) {
    replicas.put(target, count);
  }

  /**
   * With false, mutating calls answer an {@link Effect} without {@code recorded}: what the revert
   * needs is then only in the checkpoint.
   */
  void effectsCarryRecorded(boolean carry) {
    effectsCarryRecorded = carry;
  }

  // ------------------------------------------------------------------ what happened

  synchronized List<Invocation> invocations() {
    return List.copyOf(invocations);
  }

  synchronized List<Invocation> invocations(String method) {
    return invocations.stream().filter(i -> i.method().equals(method)).toList();
  }

  /** Writes that changed the cluster, e.g. {@code "scale Deployment shop/web 6"}. */
  synchronized List<String> writes() {
    return List.copyOf(writes);
  }

  /** Writes sent with {@code dryRun=All}: validated, nothing changed. */
  synchronized List<String> dryRunWrites() {
    return List.copyOf(dryRunWrites);
  }

  synchronized int replicasOf(WorkloadRef target) {
    return replicas.getOrDefault(target, 3);
  }

  /** Counted down when a hanging call was interrupted. */
  CountDownLatch interrupted() {
    return interrupted;
  }

  // ------------------------------------------------------------------ the port

  @Override
  public Effect restart(ActionCall call, WorkloadRef target, Instant at) {
    Fault fault = begin(new Invocation("restart", call, target, at, null, null));
    Map<String, String> recorded;
    synchronized (this) {
      recorded =
          call.recorded().isEmpty()
              ? Map.of("previousRestartedAt", restartedAt.getOrDefault(target, ""))
              : call.recorded();
    }
    beforeCheckpoint(fault);
    call.checkpoint().accept(recorded);
    write(
        call, target, "restart " + target + " " + at, () -> restartedAt.put(target, at.toString()));
    afterWrite(fault);
    return effect(Map.of("restartedAt", at.toString()), recorded, "rollout restart of " + target);
  }

  @Override
  public Effect scale(ActionCall call, WorkloadRef target, ScaleRequest request) {
    Fault fault = begin(new Invocation("scale", call, target, null, null, null));
    Map<String, String> recorded = call.recorded();
    if (!recorded.containsKey("replicas")) {
      int now = replicasOf(target);
      int wanted = request.change().apply(now);
      if (request.min().isPresent()) {
        wanted = Math.max(wanted, request.min().getAsInt());
      }
      if (request.max().isPresent()) {
        wanted = Math.min(wanted, request.max().getAsInt());
      }
      recorded =
          Map.of("previousReplicas", Integer.toString(now), "replicas", Integer.toString(wanted));
      beforeCheckpoint(fault);
      call.checkpoint().accept(recorded);
    }
    int count = Integer.parseInt(recorded.get("replicas"));
    write(call, target, "scale " + target + " " + count, () -> replicas.put(target, count));
    afterWrite(fault);
    return effect(
        Map.of(
            "previousReplicas", recorded.get("previousReplicas"),
            "replicas", recorded.get("replicas")),
        recorded,
        "replicas " + recorded.get("previousReplicas") + " → " + count + " on " + target);
  }

  @Override
  public Effect shiftTraffic(
      ActionCall call, WorkloadRef route, int rule, Map<String, Integer> weights) {
    Fault fault = begin(new Invocation("shiftTraffic", call, route, null, null, null));
    Map<String, String> recorded =
        call.recorded().isEmpty() ? Map.of("rule", Integer.toString(rule)) : call.recorded();
    beforeCheckpoint(fault);
    call.checkpoint().accept(recorded);
    write(call, route, "shiftTraffic " + route + " " + weights, () -> {});
    afterWrite(fault);
    return effect(Map.of(), recorded, "weights " + weights + " on " + route);
  }

  @Override
  public Effect rotateSecret(ActionCall call, WorkloadRef secret, RotationRequest request) {
    Fault fault = begin(new Invocation("rotateSecret", call, secret, null, null, null));
    Map<String, String> recorded =
        call.recorded().isEmpty() ? Map.of("rotationId", call.key().value()) : call.recorded();
    beforeCheckpoint(fault);
    call.checkpoint().accept(recorded);
    write(call, secret, "rotateSecret " + secret, () -> {});
    afterWrite(fault);
    return effect(Map.of("rotationId", recorded.get("rotationId")), recorded, "rotated " + secret);
  }

  /** Replicas as the fake knows them (3 unless set): what an approval plan shows. */
  @Override
  public synchronized Map<String, String> observe(WorkloadRef target) {
    return Map.of("replicas", Integer.toString(replicasOf(target)));
  }

  @Override
  public RolloutState rollout(WorkloadRef target) {
    begin(new Invocation("rollout", null, target, null, null, null));
    synchronized (this) {
      RolloutState next = rollouts.poll();
      return next == null ? new RolloutState.Complete("rolled out") : next;
    }
  }

  @Override
  public Effect revert(
      ActionCall call, ActionType action, WorkloadRef target, Map<String, String> recorded) {
    Fault fault = begin(new Invocation("revert", call, target, null, action, Map.copyOf(recorded)));
    if (action == ActionType.SCALE) {
      int previous = Integer.parseInt(recorded.getOrDefault("previousReplicas", "-1"));
      if (previous < 0) {
        throw new StepFailedException(
            StepFailure.permanent(
                FailureReason.INVALID, "the scale step recorded no previous replica count"));
      }
      write(call, target, "scale " + target + " " + previous, () -> replicas.put(target, previous));
    }
    afterWrite(fault);
    return new Effect(Map.of(), Map.of(), "reverted " + action.yamlName() + " of " + target);
  }

  // ------------------------------------------------------------------ helpers

  private Fault begin(Invocation invocation) {
    Fault fault;
    synchronized (this) {
      invocations.add(invocation);
      Deque<Fault> queued = faults.get(invocation.method());
      fault = queued == null ? null : queued.poll();
    }
    switch (fault) {
      case Fault.Fail f -> throw new StepFailedException(f.failure());
      case Fault.Hang h -> {
        try {
          Thread.sleep(h.duration());
        } catch (InterruptedException e) {
          interrupted.countDown();
          Thread.currentThread().interrupt();
          throw new StepFailedException(
              StepFailure.retryable(FailureReason.UNAVAILABLE, "interrupted"), e);
        }
      }
      case null, default -> {}
    }
    return fault;
  }

  private static void beforeCheckpoint(Fault fault) {
    if (fault instanceof Fault.BeforeCheckpoint b) {
      b.hook().run();
    }
  }

  private static void afterWrite(Fault fault) {
    switch (fault) {
      case Fault.FailAfterWrite f -> throw new StepFailedException(f.failure());
      case Fault.AfterWrite a -> a.hook().run();
      case null, default -> {}
    }
  }

  /** A write, reported to {@link ActionCall#sent} as the Fabric8 adapter does. */
  private synchronized void write(
      ActionCall call, WorkloadRef target, String what, Runnable change) {
    String before = Integer.toString(resourceVersion);
    if (call.dryRun()) {
      dryRunWrites.add(what);
    } else {
      change.run();
      writes.add(what);
      resourceVersion++;
    }
    call.sent()
        .accept(
            new ClusterRequest(
                "patch",
                target.kind().kind(),
                target.namespace(),
                target.name(),
                before,
                Integer.toString(resourceVersion),
                call.dryRun()));
  }

  private Effect effect(Map<String, String> outputs, Map<String, String> recorded, String what) {
    return new Effect(outputs, effectsCarryRecorded ? recorded : Map.of(), what);
  }
}
