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
    Map<String, String> kept = rec.isEmpty() ? recorded : rec;
    return new StepExecution(
        runId,
        stepId,
        phase,
        attempt,
        action,
        StepStatus.SUCCEEDED,
        startedAt,
        deadline,
        Optional.of(now),
        out,
        kept,
        Optional.empty(),
        mutating,
        dryRun);
  }

  public StepExecution failed(StepFailure cause, Instant now) {
    return new StepExecution(
        runId,
        stepId,
        phase,
        attempt,
        action,
        StepStatus.FAILED,
        startedAt,
        deadline,
        Optional.of(now),
        outputs,
        recorded,
        Optional.of(cause),
        mutating,
        dryRun);
  }

  public StepExecution cancelled(Instant now) {
    return new StepExecution(
        runId,
        stepId,
        phase,
        attempt,
        action,
        StepStatus.CANCELLED,
        startedAt,
        deadline,
        Optional.of(now),
        outputs,
        recorded,
        Optional.empty(),
        mutating,
        dryRun);
  }

  public StepExecution withDeadline(Instant newDeadline) {
    return new StepExecution(
        runId,
        stepId,
        phase,
        attempt,
        action,
        status,
        startedAt,
        newDeadline,
        finishedAt,
        outputs,
        recorded,
        failure,
        mutating,
        dryRun);
  }

  public StepExecution withRecorded(Map<String, String> rec) {
    return new StepExecution(
        runId,
        stepId,
        phase,
        attempt,
        action,
        status,
        startedAt,
        deadline,
        finishedAt,
        outputs,
        rec,
        failure,
        mutating,
        dryRun);
  }
}
