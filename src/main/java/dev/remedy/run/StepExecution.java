package dev.remedy.run;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of one step of a run. The attempt is stored as {@link StepStatus#STARTED} before its
 * effect is called; its outcome is stored after. An attempt still {@code STARTED} when a worker
 * picks the run up again is executed again under the same {@link IdempotencyKey}.
 *
 * @param deadline when the attempt times out (a wait fails then, a call is abandoned)
 * @param outputs what later steps may read
 * @param recorded what a revert needs (previous replicas, weights, ...), recorded before the write
 * @param mutating whether the step writes to the cluster (counted by the action budget)
 * @param dryRun the mutation was sent with {@code dryRun=All} and changed nothing
 */
public record StepExecution(
    String runId,
    String stepId,
    Phase phase,
    int attempt,
    String action,
    StepStatus status,
    Instant startedAt,
    Instant deadline,
    Optional<Instant> finishedAt,
    Map<String, String> outputs,
    Map<String, String> recorded,
    Optional<StepFailure> failure,
    boolean mutating,
    boolean dryRun) {

  public StepExecution {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
    outputs = Map.copyOf(outputs);
    recorded = Map.copyOf(recorded);
  }

  public static StepExecution started(
      String runId,
      String stepId,
      Phase phase,
      int attempt,
      String action,
      Instant now,
      Instant deadline,
      boolean mutating,
      boolean dryRun) {
    return new StepExecution(
        runId,
        stepId,
        phase,
        attempt,
        action,
        StepStatus.STARTED,
        now,
        deadline,
        Optional.empty(),
        Map.of(),
        Map.of(),
        Optional.empty(),
        mutating,
        dryRun);
  }

  public static StepExecution skipped(
      String runId, String stepId, Phase phase, String action, Instant now, String why) {
    return new StepExecution(
        runId,
        stepId,
        phase,
        1,
        action,
        StepStatus.SKIPPED,
        now,
        now,
        Optional.of(now),
        Map.of(),
        Map.of(),
        Optional.of(StepFailure.permanent(FailureReason.INVALID, why)),
        false,
        false);
  }

  public IdempotencyKey key() {
    return new IdempotencyKey(runId, stepId);
  }

  public StepExecution succeeded(Map<String, String> out, Map<String, String> rec, Instant now) {
    return changed(
        StepStatus.SUCCEEDED,
        deadline,
        Optional.of(now),
        out,
        rec.isEmpty() ? recorded : rec,
        Optional.empty());
  }

  public StepExecution failed(StepFailure cause, Instant now) {
    return changed(
        StepStatus.FAILED, deadline, Optional.of(now), outputs, recorded, Optional.of(cause));
  }

  public StepExecution cancelled(Instant now) {
    return changed(
        StepStatus.CANCELLED, deadline, Optional.of(now), outputs, recorded, Optional.empty());
  }

  public StepExecution withDeadline(Instant newDeadline) {
    return changed(status, newDeadline, finishedAt, outputs, recorded, failure);
  }

  public StepExecution withRecorded(Map<String, String> rec) {
    return changed(status, deadline, finishedAt, outputs, rec, failure);
  }

  /** The same attempt (identity, start, what it is) with what may change after its start. */
  private StepExecution changed(
      StepStatus newStatus,
      Instant newDeadline,
      Optional<Instant> newFinishedAt,
      Map<String, String> newOutputs,
      Map<String, String> newRecorded,
      Optional<StepFailure> newFailure) {
    return new StepExecution(
        runId,
        stepId,
        phase,
        attempt,
        action,
        newStatus,
        startedAt,
        newDeadline,
        newFinishedAt,
        newOutputs,
        newRecorded,
        newFailure,
        mutating,
        dryRun);
  }
}
