package dev.remedy.cluster;

import dev.remedy.run.IdempotencyKey;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The context of one mutating call.
 *
 * @param key {@code runId/stepId}; the same on every re-execution of the step
 * @param dryRun send the write with {@code dryRun=All}: validated by the API server, nothing
 *     changed
 * @param recorded what an earlier attempt of the same step recorded before it wrote (empty on the
 *     first attempt): a repeat must use it (e.g. the absolute replica count) instead of deciding
 *     again
 * @param checkpoint stores what the revert needs, durably, before the write; call it once the
 *     current state has been read and before changing anything. With {@code recorded} empty it must
 *     be called before the first write, and nothing but reads may come before it: the engine stores
 *     the attempt's start in the same transaction, so a call that writes without it would write
 *     with no durable trace. It throws when the call must not go on (the lease is lost, the run was
 *     cancelled meanwhile); let that propagate
 * @param sent told of every write the API server accepted, as soon as it answers, so the engine can
 *     record it with the attempt's outcome (also when the step then fails). It only collects in
 *     memory: the audit events are appended when the outcome is stored, so a crash between the
 *     write and that store loses the record of the request (not the attempt's start or checkpoint;
 *     the re-execution records its own requests)
 */
public record ActionCall(
    IdempotencyKey key,
    boolean dryRun,
    Map<String, String> recorded,
    Consumer<Map<String, String>> checkpoint,
    Consumer<ClusterRequest> sent) {

  public ActionCall {
    recorded = Map.copyOf(recorded);
    Objects.requireNonNull(sent, "sent");
  }

  /** A call whose writes are not recorded (tests, and calls outside a run). */
  public ActionCall(
      IdempotencyKey key,
      boolean dryRun,
      Map<String, String> recorded,
      Consumer<Map<String, String>> checkpoint) {
    this(key, dryRun, recorded, checkpoint, request -> {});
  }
}
