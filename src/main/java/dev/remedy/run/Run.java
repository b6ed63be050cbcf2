package dev.remedy.run;

import dev.remedy.alert.Alert;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a workflow for one alert, as stored: everything the engine needs to decide the next
 * step after a crash. The {@code with…} methods return the next state; nothing here does I/O.
 *
 * @param workflowDigest the version of the workflow the run executes from start to end, even if the
 *     file changes meanwhile
 * @param alert the firing alert that started the run (labels and annotations as they were then)
 * @param params rendered and validated when the run was created
 * @param stepIndex the step of {@code phase} to execute next (or whose attempt is open)
 * @param attempt attempts of that step made so far (0 before the first)
 * @param wakeAt when a waiting run should be looked at again; empty when it is finished
 * @param outputs outputs of finished steps by step id, readable as {@code steps.<id>.<output>}
 * @param failure the failure that sent the run into its onFailure steps, or ended it
 * @param parkedBy the guard holding the run back before a mutating step, if one is
 * @param alertResolved a resolved notification for the alert has arrived
 * @param cancelRequested someone asked to cancel; the worker ends the run at its next boundary
 * @param endNote why the run ended as it did, for people ("alert resolved", "cancelled by olga")
 */
public record Run(
    String id,
    String workflow,
    String workflowDigest,
    String dedupKey,
    Alert alert,
    Map<String, String> params,
    RunStatus status,
    Phase phase,
    int stepIndex,
    int attempt,
    Optional<Instant> wakeAt,
    Map<String, Map<String, String>> outputs,
    Optional<StepFailure> failure,
    boolean dryRun,
    Optional<String> parkedBy,
    boolean alertResolved,
    boolean cancelRequested,
    Instant createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    String endNote) {

  public Run {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(alert, "alert");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    outputs = Map.copyOf(outputs);
    endNote = endNote == null ? "" : endNote;
  }

  /** A new run, queued and due at once. */
  public static Run queued(
      String id,
      String workflow,
      String workflowDigest,
      String dedupKey,
      Alert alert,
      Map<String, String> params,
      boolean dryRun,
      Instant now) {
    return new Run(
        id,
        workflow,
        workflowDigest,
        dedupKey,
        alert,
        params,
        RunStatus.QUEUED,
        Phase.STEPS,
        0,
        0,
        Optional.of(now),
        Map.of(),
        Optional.empty(),
        dryRun,
        Optional.empty(),
        false,
        false,
        now,
        Optional.empty(),
        Optional.empty(),
        "");
  }

  /** A run that failed before any step: its params or dedup key could not be rendered. */
  public static Run refused(
      String id,
      String workflow,
      String workflowDigest,
      String dedupKey,
      Alert alert,
      StepFailure failure,
      Instant now) {
    return new Run(
        id,
        workflow,
        workflowDigest,
        dedupKey,
        alert,
        Map.of(),
        RunStatus.FAILED,
        Phase.STEPS,
        0,
        0,
        Optional.empty(),
        Map.of(),
        Optional.of(failure),
        false,
        Optional.empty(),
        false,
        false,
        now,
        Optional.empty(),
        Optional.of(now),
        "refused before any step");
  }

  /** The next attempt of the current step has been started. */
  public Run withAttemptStarted(int attemptNumber, Instant now) {
    return moved(
        RunStatus.RUNNING,
        phase,
        stepIndex,
        attemptNumber,
        Optional.empty(),
        outputs,
        failure,
        Optional.empty(),
        Optional.of(startedAt.orElse(now)),
        finishedAt,
        endNote);
  }

  /** The current step is done (or skipped): on to the next one, with its outputs recorded. */
  public Run withStepDone(String stepId, Map<String, String> stepOutputs, Instant now) {
    Map<String, Map<String, String>> all = new LinkedHashMap<>(outputs);
    if (!stepOutputs.isEmpty()) {
      all.put(stepId, Map.copyOf(stepOutputs));
    }
    return moved(
        RunStatus.RUNNING,
        phase,
        stepIndex + 1,
        0,
        Optional.of(now),
        all,
        failure,
        Optional.empty(),
        Optional.of(startedAt.orElse(now)),
        finishedAt,
        endNote);
  }

  /** Stored to be looked at again at {@code when}; {@code guard} when a guard holds it back. */
  public Run waitingUntil(Instant when, Optional<String> guard) {
    return moved(
        RunStatus.WAITING,
        phase,
        stepIndex,
        attempt,
        Optional.of(when),
        outputs,
        failure,
        guard,
        startedAt,
        finishedAt,
        endNote);
  }

  /** The step failed for good: its onFailure steps come next (with {@code run.failure} set). */
  public Run withOnFailure(StepFailure cause, Instant now) {
    return moved(
        RunStatus.RUNNING,
        Phase.ON_FAILURE,
        0,
        0,
        Optional.of(now),
        outputs,
        Optional.of(cause),
        Optional.empty(),
        startedAt,
        finishedAt,
        endNote);
  }

  public Run finished(RunStatus end, Instant now, String note) {
    if (end.active()) {
      throw new IllegalArgumentException(end + " is not an end state");
    }
    return moved(
        end,
        phase,
        stepIndex,
        attempt,
        Optional.empty(),
        outputs,
        failure,
        Optional.empty(),
        startedAt,
        Optional.of(now),
        note);
  }

  /** The same run (identity, alert, params, flags) with the fields the engine moves. */
  private Run moved(
      RunStatus newStatus,
      Phase newPhase,
      int newStepIndex,
      int newAttempt,
      Optional<Instant> newWakeAt,
      Map<String, Map<String, String>> newOutputs,
      Optional<StepFailure> newFailure,
      Optional<String> newParkedBy,
      Optional<Instant> newStartedAt,
      Optional<Instant> newFinishedAt,
      String newEndNote) {
    return new Run(
        id,
        workflow,
        workflowDigest,
        dedupKey,
        alert,
        params,
        newStatus,
        newPhase,
        newStepIndex,
        newAttempt,
        newWakeAt,
        newOutputs,
        newFailure,
        dryRun,
        newParkedBy,
        alertResolved,
        cancelRequested,
        createdAt,
        newStartedAt,
        newFinishedAt,
        newEndNote);
  }

  /** The {@code run.*} template variables. */
  public Map<String, String> runVariables() {
    return failure.isPresent()
        ? Map.of("id", id, "failure", failure.get().describe())
        : Map.of("id", id);
  }
}
