package dev.remedy.adapter.persistence;

import dev.remedy.alert.Alert;
import dev.remedy.alert.AlertStateKey;
import dev.remedy.alert.AlertStatus;
import dev.remedy.alert.Fingerprint;
import dev.remedy.alert.LabelSet;
import dev.remedy.run.FailureReason;
import dev.remedy.run.Phase;
import dev.remedy.run.Run;
import dev.remedy.run.RunStatus;
import dev.remedy.run.StepExecution;
import dev.remedy.run.StepFailure;
import dev.remedy.run.StepStatus;
import java.util.Optional;

/** Maps runs and step attempts to rows and back. */
final class RunRows {

  private RunRows() {}

  /** sha-256 of workflow and dedup key: the value of the unique {@code active_key} column. */
  static String activeKey(String workflow, String dedupKey) {
    return AlertStateKey.sha256Hex(workflow + "\n" + dedupKey);
  }

  static RunEntity toEntity(Run run) {
    RunEntity e = new RunEntity();
    e.id = run.id();
    e.workflow = run.workflow();
    e.workflowDigest = run.workflowDigest();
    e.dedupKey = run.dedupKey();
    e.alertFingerprint = run.alert().fingerprint().value();
    e.alertLabels = JsonColumns.write(run.alert().labels().asMap());
    e.alertAnnotations = JsonColumns.write(run.alert().annotations().asMap());
    e.alertStartsAt = run.alert().startsAt();
    e.alertGeneratorUrl = run.alert().generatorUrl();
    e.params = JsonColumns.write(run.params());
    e.createdAt = run.createdAt();
    e.alertResolved = run.alertResolved();
    e.cancelRequested = run.cancelRequested();
    copyState(run, e);
    return e;
  }

  /** The fields the engine changes as a run moves. */
  static void copyState(Run run, RunEntity e) {
    e.activeKey = run.status().active() ? activeKey(run.workflow(), run.dedupKey()) : null;
    e.status = run.status().wireName();
    e.phase = run.phase().name();
    e.stepIndex = run.stepIndex();
    e.attempt = run.attempt();
    e.wakeAt = run.wakeAt().orElse(null);
    e.outputs = JsonColumns.write(run.outputs());
    e.failureReason = run.failure().map(f -> f.reason().wireName()).orElse(null);
    e.failureRetryable = run.failure().map(StepFailure::retryable).orElse(null);
    e.failureMessage = run.failure().map(StepFailure::message).orElse(null);
    e.dryRun = run.dryRun();
    e.parkedBy = run.parkedBy().orElse(null);
    e.startedAt = run.startedAt().orElse(null);
    e.finishedAt = run.finishedAt().orElse(null);
    e.endNote = run.endNote();
  }

  static Run toRun(RunEntity e) {
    Alert alert =
        new Alert(
            new Fingerprint(e.alertFingerprint),
            AlertStatus.FIRING,
            LabelSet.of(JsonColumns.flat(e.alertLabels)),
            LabelSet.of(JsonColumns.flat(e.alertAnnotations)),
            e.alertStartsAt,
            Optional.empty(),
            e.alertGeneratorUrl);
    return new Run(
        e.id,
        e.workflow,
        e.workflowDigest,
        e.dedupKey,
        alert,
        JsonColumns.flat(e.params),
        RunStatus.fromWireName(e.status),
        Phase.valueOf(e.phase),
        e.stepIndex,
        e.attempt,
        Optional.ofNullable(e.wakeAt),
        JsonColumns.nested(e.outputs),
        failure(e.failureReason, e.failureRetryable, e.failureMessage),
        e.dryRun,
        Optional.ofNullable(e.parkedBy),
        e.alertResolved,
        e.cancelRequested,
        e.createdAt,
        Optional.ofNullable(e.startedAt),
        Optional.ofNullable(e.finishedAt),
        e.endNote);
  }

  static StepExecutionEntity toEntity(StepExecution s) {
    StepExecutionEntity e = new StepExecutionEntity();
    e.runId = s.runId();
    e.stepId = s.stepId();
    e.phase = s.phase().name();
    e.attempt = s.attempt();
    e.action = s.action();
    e.startedAt = s.startedAt();
    e.deadline = s.deadline();
    e.mutating = s.mutating();
    e.dryRun = s.dryRun();
    copyOutcome(s, e);
    return e;
  }

  static void copyOutcome(StepExecution s, StepExecutionEntity e) {
    e.status = s.status().wireName();
    e.deadline = s.deadline();
    e.finishedAt = s.finishedAt().orElse(null);
    e.outputs = JsonColumns.write(s.outputs());
    e.recorded = JsonColumns.write(s.recorded());
    e.failureReason = s.failure().map(f -> f.reason().wireName()).orElse(null);
    e.failureRetryable = s.failure().map(StepFailure::retryable).orElse(null);
    e.failureMessage = s.failure().map(StepFailure::message).orElse(null);
  }

  static StepExecution toStep(StepExecutionEntity e) {
    return new StepExecution(
        e.runId,
        e.stepId,
        Phase.valueOf(e.phase),
        e.attempt,
        e.action,
        StepStatus.valueOf(e.status.toUpperCase(java.util.Locale.ROOT)),
        e.startedAt,
        e.deadline,
        Optional.ofNullable(e.finishedAt),
        JsonColumns.flat(e.outputs),
        JsonColumns.flat(e.recorded),
        failure(e.failureReason, e.failureRetryable, e.failureMessage),
        e.mutating,
        e.dryRun);
  }

  private static Optional<StepFailure> failure(String reason, Boolean retryable, String message) {
    return reason == null
        ? Optional.empty()
        : Optional.of(
            new StepFailure(
                FailureReason.fromWireName(reason), Boolean.TRUE.equals(retryable), message));
  }
}
