package dev.remedy.run;

import dev.remedy.audit.AuditEvent;
import dev.remedy.cluster.ClusterRequest;
import dev.remedy.guard.AutomationSwitch;
import dev.remedy.guard.AutomationSwitches;
import dev.remedy.guard.GuardDecision;
import dev.remedy.guard.GuardPolicy;
import dev.remedy.template.RunScope;
import dev.remedy.workflow.Condition;
import dev.remedy.workflow.Step;
import dev.remedy.workflow.Workflow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives one claimed run: decides its next step from the stored state, commits the attempt as
 * started, calls the effect, commits the outcome and the next state, and goes on until the run
 * waits, finishes, or has had its share of steps. Every write is conditional on the lease, so a
 * worker that lost its lease (a pause longer than the lease, another replica took over) stops
 * without writing.
 *
 * <p>A wait (approval, rollout, retry backoff, parked guard) is stored as a wake-up time and the
 * lease released: no thread is held while a run waits.
 */
public final class RunWorker {

  private final RunStore store;
  private final WorkflowVersions versions;
  private final StepEffects effects;
  private final AutomationSwitches automation;
  private final EngineSettings settings;
  private final EngineObserver observer;
  private final Clock clock;
  private final ExecutorService calls;

  public RunWorker(
      RunStore store,
      WorkflowVersions versions,
      StepEffects effects,
      AutomationSwitches automation,
      EngineSettings settings,
      EngineObserver observer,
      Clock clock,
      ExecutorService calls) {
    this.store = store;
    this.versions = versions;
    this.effects = effects;
    this.automation = automation;
    this.settings = settings;
    this.observer = observer;
    this.clock = clock;
    this.calls = calls;
  }

  /**
   * Drives the run held under {@code lease}, as it was claimed, until it waits, ends, or the lease
   * is lost.
   */
  public void drive(RunHistory claimed, Lease lease) {
    new Drive(claimed, lease).run();
  }

  /** Thrown through a port when a checkpoint finds the lease gone: nothing more may be written. */
  private static final class LeaseLost extends RuntimeException {
    LeaseLost() {
      super("lease lost", null, false, false);
    }
  }

  /**
   * Thrown through a port when a deferred start finds the run cancelled or resolved meanwhile: the
   * attempt is stored as started, the call must not write, the run is looked at again.
   */
  private static final class RunChanged extends RuntimeException {
    RunChanged() {
      super("run changed", null, false, false);
    }
  }

  private final class Drive {
    private final String runId;
    private Lease held;

    private final RunHistory claimed;

    Drive(RunHistory claimed, Lease lease) {
      this.runId = claimed.run().id();
      this.claimed = claimed;
      this.held = lease;
    }

    /**
     * The state after the last turn, when this worker's own copy is known to be the stored one;
     * null makes the next turn load the run again.
     */
    private RunHistory next;

    /**
     * Outcomes of finished steps not stored yet: they go into the same transaction as whatever is
     * stored next (usually the next step's start), so a step costs one commit before its effect and
     * none after it. Nothing happens outside the database between the two.
     */
    private final List<StepExecution> settled = new ArrayList<>();

    /**
     * The audit events of the {@link #settled} outcomes: appended by the store in the transaction
     * that stores those outcomes.
     */
    private final List<AuditEvent> events = new ArrayList<>();

    /** The run was cancelled or resolved while this worker held it: load it before going on. */
    private boolean stale;

    void run() {
      Optional<RunHistory> current = Optional.of(claimed);
      for (int steps = 0; steps < settings.maxStepsPerClaim(); steps++) {
        if (current.isEmpty()) {
          return;
        }
        next = null;
        stale = false;
        if (!turn(current.get())) {
          return;
        }
        current = next != null && !stale ? Optional.of(next) : load(next);
      }
      if (next != null && !settled.isEmpty()) {
        save(next.run(), List.of(), true);
      } else {
        store.release(runId, held);
      }
    }

    /** Stores what is still only in memory, then reads the run again. */
    private Optional<RunHistory> load(RunHistory unsaved) {
      if (unsaved != null && !settled.isEmpty() && !save(unsaved.run(), List.of(), false)) {
        return Optional.empty();
      }
      return store.load(runId);
    }

    /** The next state of a run that goes on: stored with the next write. */
    private boolean advance(
        RunHistory history, Run run, List<StepExecution> attempts, List<AuditEvent> audit) {
      settled.addAll(attempts);
      events.addAll(audit);
      next = history.with(run, attempts);
      return true;
    }

    /** Stores the run's state with the outcomes not stored yet; true when it was stored. */
    private boolean save(Run run, List<StepExecution> attempts, boolean release) {
      return save(run, attempts, release, List.of());
    }

    /**
     * Stores the run's state with the outcomes not stored yet and the audit events of all of them;
     * true when it was stored.
     */
    private boolean save(
        Run run, List<StepExecution> attempts, boolean release, List<AuditEvent> audit) {
      List<StepExecution> all = new ArrayList<>(settled);
      all.addAll(attempts);
      settled.clear();
      List<AuditEvent> allEvents = new ArrayList<>(events);
      allEvents.addAll(audit);
      events.clear();
      RunStore.Saved saved = store.save(run, all, held, release, allEvents);
      stale |= saved == RunStore.Saved.SAVED_FLAGS_CHANGED;
      lostIf(saved);
      return saved.stored();
    }

    /**
     * Stores a new (or resumed) attempt as started, with the outcomes not stored yet. When the run
     * was cancelled or resolved meanwhile, the attempt is stored but its effect not called: the
     * next turn loads the run and decides again (a cancel then closes the attempt). With {@code
     * announce}, a {@code step.started} event goes with it (not when a wait looks again); {@code
     * stored} when the attempt is resumed rather than new.
     */
    private RunStore.Saved start(
        Run run, StepExecution attempt, boolean stored, Lease renewed, boolean announce) {
      List<StepExecution> all = new ArrayList<>(settled);
      settled.clear();
      List<AuditEvent> allEvents = new ArrayList<>(events);
      events.clear();
      if (announce) {
        allEvents.add(RunEvents.started(run, attempt));
      }
      RunStore.Saved saved = store.start(run, all, attempt, stored, held, renewed, allEvents);
      if (saved.stored()) {
        held = renewed;
      }
      stale |= saved == RunStore.Saved.SAVED_FLAGS_CHANGED;
      lostIf(saved);
      return saved;
    }

    private void lostIf(RunStore.Saved saved) {
      if (saved == RunStore.Saved.LEASE_LOST) {
        observer.leaseLost(runId, held.owner());
      }
    }

    /** One decision; true when the worker should go on with the same run. */
    private boolean turn(RunHistory history) {
      Run run = history.run();
      Instant now = clock.instant();
      if (!run.status().active()) {
        if (settled.isEmpty()) {
          store.release(runId, held);
        } else {
          save(run, List.of(), true);
        }
        return false;
      }
      Optional<Workflow> found = versions.find(run.workflow(), run.workflowDigest());
      if (found.isEmpty()) {
        return fail(
            history,
            StepFailure.permanent(
                FailureReason.INTERNAL,
                "workflow " + run.workflow() + " version " + run.workflowDigest() + " is unknown"),
            now);
      }
      Workflow workflow = found.get();
      Optional<StepExecution> open = history.openAttempt();
      if (run.cancelRequested()) {
        return finish(
            history,
            RunStatus.CANCELLED,
            run.endNote().isEmpty() ? "cancelled" : run.endNote(),
            now);
      }
      List<Step> steps = run.phase() == Phase.STEPS ? workflow.steps() : workflow.onFailure();
      if (run.stepIndex() >= steps.size()) {
        return run.phase() == Phase.STEPS
            ? finish(history, RunStatus.SUCCEEDED, "all steps done", now)
            : finish(
                history,
                run.failure().orElseThrow().endStatus(),
                run.failure().get().describe(),
                now);
      }
      if (open.isEmpty()
          && run.phase() == Phase.STEPS
          && run.alertResolved()
          && workflow.onResolved() == dev.remedy.workflow.OnResolved.COMPLETE) {
        return finish(history, RunStatus.SUCCEEDED, "alert resolved (onResolved: complete)", now);
      }
      Step step = steps.get(run.stepIndex());
      RunScope scope = scope(run);
      StepExecution attempt;
      if (open.isPresent()) {
        attempt = open.get();
        if (!waits(step)) {
          // A call re-executed after a crash or an expired lease gets its whole timeout again;
          // a wait keeps its deadline (it measures how long the run has waited).
          attempt = attempt.withDeadline(now.plus(timeout(step)));
        }
        Lease renewed =
            held.extendedTo(now.plus(callLimit(step, attempt, now)).plus(settings.leaseMargin()));
        // A re-execution of a call (after a crash or a lost lease) is announced again; a wait
        // looking again is not.
        RunStore.Saved started =
            start(
                run.withAttemptStarted(attempt.attempt(), now),
                attempt,
                true,
                renewed,
                !waits(step));
        if (started != RunStore.Saved.SAVED) {
          return started.stored(); // lost, or changed meanwhile: look again before calling out
        }
      } else {
        if (run.attempt() == 0 && !holds(step, scope)) {
          StepExecution skipped =
              StepExecution.skipped(
                  runId,
                  step.id(),
                  run.phase(),
                  kind(step),
                  now,
                  "when: " + conditions(step) + " did not hold");
          observer.stepFinished(kind(step), StepStatus.SKIPPED, Duration.ZERO, null);
          return advance(
              history,
              run.withStepDone(step.id(), Map.of(), now),
              List.of(skipped),
              RunEvents.outcome(
                      run, skipped, skipped.failure().map(StepFailure::message).orElse(""))
                  .stream()
                  .toList());
        }
        boolean mutating = step.action().map(a -> a.mutating()).orElse(false);
        AutomationSwitch position = automation.current();
        boolean dryRun = run.dryRun() || position.dryRun();
        if (mutating && !dryRun) {
          Optional<GuardPolicy.Refusal> refusal =
              GuardPolicy.mayMutate(
                  position,
                  settings.maxActions() > 0
                      ? store.mutatingAttemptsSince(
                          now.minus(settings.actionWindow()), settings.maxActions())
                      : 0,
                  settings.maxActions(),
                  settings.actionWindow());
          if (refusal.isPresent()) {
            return park(run, step, refusal.get(), now);
          }
        }
        Instant deadline = now.plus(timeout(step));
        attempt =
            StepExecution.started(
                    runId,
                    step.id(),
                    run.phase(),
                    run.attempt() + 1,
                    kind(step),
                    now,
                    deadline,
                    mutating,
                    dryRun)
                .withRecorded(recordedBefore(history, step.id(), run.phase()));
        Lease renewed =
            held.extendedTo(now.plus(callLimit(step, attempt, now)).plus(settings.leaseMargin()));
        Run started = run.withAttemptStarted(attempt.attempt(), now);
        if (startsAtCheckpoint(step, attempt)) {
          deferred = new DeferredStart(started, renewed);
        } else {
          RunStore.Saved saved = start(started, attempt, false, renewed, true);
          if (saved != RunStore.Saved.SAVED) {
            return saved.stored(); // lost, or changed meanwhile: look again before calling out
          }
        }
        run = started;
      }
      AtomicReference<Map<String, String>> checkpointed = new AtomicReference<>(attempt.recorded());
      // Filled by the call's thread; a call abandoned at its timeout may still add to it.
      List<ClusterRequest> sent = new CopyOnWriteArrayList<>();
      StepOutcome outcome;
      try {
        outcome =
            call(
                step,
                new StepEffects.Attempt(
                    workflow,
                    history,
                    attempt,
                    scope,
                    now,
                    checkpoint(attempt, checkpointed),
                    sent::add));
      } catch (LeaseLost lost) {
        closeDeferred();
        return false;
      } catch (RunChanged changed) {
        closeDeferred();
        return true; // stored as started, not called: the next turn loads the run again
      }
      List<AuditEvent> requests = new ArrayList<>();
      if (!closeDeferred()) {
        // The call wrote nothing (it failed, or found nothing to change, before its checkpoint):
        // the attempt's start is stored in the same transaction as its outcome.
        requests.add(RunEvents.started(run, attempt));
      }
      // The outcome is stored with what the call checkpointed, not over it, and with the
      // requests it sent to the cluster (also when it failed).
      StepExecution checkpointedAttempt = attempt.withRecorded(checkpointed.get());
      requests.addAll(RunEvents.requests(run, checkpointedAttempt, List.copyOf(sent)));
      return settle(
          history, workflow, run, step, checkpointedAttempt, outcome, now, List.copyOf(requests));
    }

    /** Ends a deferred start's wait; true when there was none or it was stored. */
    private boolean closeDeferred() {
      DeferredStart closing = deferred;
      deferred = null;
      return closing == null || closing.close();
    }

    /**
     * The step's attempt stored as started when the call first checkpoints, in one transaction with
     * what it checkpoints, instead of in one before the call and one at the checkpoint: for the
     * cluster's mutating actions, which only read before their checkpoint (see {@link
     * #startsAtCheckpoint}). A crash before it loses reads only, and the run's next claim starts
     * the step afresh.
     */
    private DeferredStart deferred;

    /**
     * A start waiting for the call's checkpoint. The call runs on another thread and may outlive
     * its timeout: {@link #close} ends the wait under the same lock, so a late checkpoint neither
     * stores a start the worker has moved past nor lets the call write.
     */
    private final class DeferredStart {
      private final Run run;
      private final Lease renewed;
      private boolean stored;
      private boolean closed;

      DeferredStart(Run run, Lease renewed) {
        this.run = run;
        this.renewed = renewed;
      }

      /** Stores the start with {@code recorded}; throws when the call must not go on. */
      synchronized void store(StepExecution attempt) {
        if (closed) {
          throw new LeaseLost();
        }
        RunStore.Saved saved = start(run, attempt, false, renewed, true);
        stored = saved.stored();
        if (saved == RunStore.Saved.SAVED_FLAGS_CHANGED) {
          throw new RunChanged();
        }
        if (!stored) {
          throw new LeaseLost();
        }
      }

      synchronized boolean stored() {
        return stored;
      }

      /** Ends the wait; true when the start was stored. */
      synchronized boolean close() {
        closed = true;
        return stored;
      }
    }

    private java.util.function.Consumer<Map<String, String>> checkpoint(
        StepExecution attempt, AtomicReference<Map<String, String>> checkpointed) {
      DeferredStart pending = deferred;
      return recorded -> {
        if (pending != null && !pending.stored()) {
          pending.store(attempt.withRecorded(recorded));
        } else if (!store.checkpoint(attempt.withRecorded(recorded), held)) {
          observer.leaseLost(runId, held.owner());
          throw new LeaseLost();
        }
        checkpointed.set(Map.copyOf(recorded));
      };
    }

    private StepOutcome call(Step step, StepEffects.Attempt attempt) {
      Duration limit = callLimit(step, attempt.execution(), attempt.now());
      Future<StepOutcome> future = calls.submit(() -> effects.execute(step, attempt));
      try {
        return future.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        future.cancel(true);
        return new StepOutcome.Failed(
            StepFailure.retryable(
                FailureReason.TIMEOUT,
                "step " + step.id() + " did not finish within " + timeout(step)));
      } catch (InterruptedException e) {
        future.cancel(true);
        Thread.currentThread().interrupt();
        throw new LeaseLost();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof LeaseLost lost) {
          throw lost;
        }
        if (cause instanceof RunChanged changed) {
          throw changed;
        }
        if (cause instanceof StepFailedException failed) {
          return new StepOutcome.Failed(failed.failure());
        }
        return new StepOutcome.Failed(
            StepFailure.permanent(FailureReason.INTERNAL, describe(cause)));
      }
    }

    private boolean settle(
        RunHistory history,
        Workflow workflow,
        Run run,
        Step step,
        StepExecution attempt,
        StepOutcome outcome,
        Instant lookedAt,
        List<AuditEvent> requests) {
      Instant now = clock.instant();
      return switch (outcome) {
        case StepOutcome.Done done -> {
          observer.stepFinished(
              kind(step), StepStatus.SUCCEEDED, Duration.between(attempt.startedAt(), now), null);
          StepExecution succeeded = attempt.succeeded(done.outputs(), done.recorded(), now);
          yield advance(
              history,
              run.withStepDone(step.id(), done.outputs(), now),
              List.of(succeeded),
              with(requests, RunEvents.outcome(run, succeeded, done.summary())));
        }
        case StepOutcome.Pending pending -> {
          // Past the deadline when the step looked: it is still waiting, so it timed out. A step
          // that looked just before its deadline and is stored just after it looks once more (its
          // wake-up is already due) and decides itself: an approval then expires, as it should,
          // instead of failing on a timeout that raced the store.
          if (!lookedAt.isBefore(attempt.deadline())) {
            yield failed(
                history,
                workflow,
                run,
                step,
                attempt,
                StepFailure.retryable(
                    FailureReason.TIMEOUT,
                    "still waiting after " + timeout(step) + ": " + pending.detail()),
                now,
                requests);
          }
          Instant wake =
              pending.recheckAt().isBefore(attempt.deadline())
                  ? pending.recheckAt()
                  : attempt.deadline();
          save(run.waitingUntil(wake, Optional.empty()), List.of(attempt), true, requests);
          yield false;
        }
        case StepOutcome.Failed f ->
            failed(history, workflow, run, step, attempt, f.failure(), now, requests);
      };
    }

    /** The requests an attempt sent, then its outcome. */
    private static List<AuditEvent> with(List<AuditEvent> requests, Optional<AuditEvent> outcome) {
      List<AuditEvent> all = new ArrayList<>(requests);
      outcome.ifPresent(all::add);
      return all;
    }

    private boolean failed(
        RunHistory history,
        Workflow workflow,
        Run run,
        Step step,
        StepExecution attempt,
        StepFailure failure,
        Instant now,
        List<AuditEvent> requests) {
      observer.stepFinished(
          kind(step),
          StepStatus.FAILED,
          Duration.between(attempt.startedAt(), now),
          failure.reason());
      StepExecution failedAttempt = attempt.failed(failure, now);
      List<AuditEvent> audit = with(requests, RunEvents.outcome(run, failedAttempt, ""));
      var retry = step.settings().retry();
      if (failure.retryable() && attempt.attempt() < retry.attempts()) {
        Instant wake = now.plus(retry.backoffAfter(attempt.attempt()));
        save(run.waitingUntil(wake, Optional.empty()), List.of(failedAttempt), true, audit);
        return false;
      }
      if (run.phase() == Phase.STEPS) {
        Run next = run.withOnFailure(failure, now);
        if (workflow.onFailure().isEmpty()) {
          return end(
              next.finished(failure.endStatus(), now, failure.describe()),
              List.of(failedAttempt),
              audit);
        }
        return advance(history, next, List.of(failedAttempt), audit);
      }
      // An onFailure step that fails is recorded; the remaining onFailure steps still run.
      return advance(
          history, run.withStepDone(step.id(), Map.of(), now), List.of(failedAttempt), audit);
    }

    private boolean fail(RunHistory history, StepFailure failure, Instant now) {
      Run run = history.run().withOnFailure(failure, now);
      return end(
          run.finished(failure.endStatus(), now, failure.describe()),
          closeOpen(history, now),
          List.of());
    }

    private boolean finish(RunHistory history, RunStatus status, String note, Instant now) {
      return end(history.run().finished(status, now, note), closeOpen(history, now), List.of());
    }

    private List<StepExecution> closeOpen(RunHistory history, Instant now) {
      return history.openAttempt().map(open -> List.of(open.cancelled(now))).orElse(List.of());
    }

    /** Stores the run's end with {@code audit} (the last attempt's events) and run.finished. */
    private boolean end(Run ended, List<StepExecution> attempts, List<AuditEvent> audit) {
      List<AuditEvent> all = new ArrayList<>(audit);
      all.add(RunEvents.finished(ended));
      if (save(ended, attempts, true, all)) {
        Instant finishedAt = ended.finishedAt().orElseThrow();
        observer.runFinished(
            ended.workflow(),
            ended.status(),
            Duration.between(ended.createdAt(), finishedAt),
            ended.status() == RunStatus.SUCCEEDED
                ? Duration.between(ended.alert().startsAt(), finishedAt)
                : null);
        observer.runEnded(ended);
      }
      return false;
    }

    private boolean park(Run run, Step step, GuardPolicy.Refusal refusal, Instant now) {
      String guard = refusal.guard().wireName();
      boolean newlyParked = !run.parkedBy().equals(Optional.of(guard));
      if (save(
              run.waitingUntil(now.plus(settings.parkRecheck()), Optional.of(guard)),
              List.of(),
              true,
              newlyParked ? List.of(RunEvents.parked(run, step.id(), refusal)) : List.of())
          && newlyParked) {
        store.record(
            new GuardDecision(
                run.workflow(),
                run.dedupKey(),
                run.alert().fingerprint().value(),
                Optional.of(run.id()),
                GuardDecision.Outcome.PARKED,
                Optional.of(refusal.guard()),
                refusal.detail(),
                now));
        observer.guardApplied(guard);
      }
      return false;
    }
  }

  /**
   * How long the effect may take. A call gets what is left of its step's timeout. A look at a wait
   * gets {@link EngineSettings#waitCallLimit()} however close the deadline is: the deadline bounds
   * the waiting, which {@link #settle} judges by when the look began; cut at the deadline, a look
   * woken milliseconds before it failed the run {@code timeout} instead of letting an approval
   * expire or a finished rollout count.
   */
  private Duration callLimit(Step step, StepExecution attempt, Instant now) {
    if (waits(step)) {
      return settings.waitCallLimit();
    }
    Duration remaining = Duration.between(now, attempt.deadline());
    return remaining.isNegative() || remaining.isZero() ? Duration.ofSeconds(1) : remaining;
  }

  /**
   * What the latest earlier attempt of the step checkpointed (empty before the first): a retry
   * repeats that decision (the absolute replica count, the previous weights) instead of deciding
   * again from a state its predecessor may already have changed.
   */
  private static Map<String, String> recordedBefore(
      RunHistory history, String stepId, Phase phase) {
    return history.steps().stream()
        .filter(s -> s.stepId().equals(stepId) && s.phase() == phase)
        .reduce((a, b) -> b)
        .map(StepExecution::recorded)
        .orElse(Map.of());
  }

  /**
   * Whether the attempt is stored as started at the call's first checkpoint rather than before the
   * call: the cluster's mutating actions on a first decision (nothing recorded yet), which by the
   * {@link dev.remedy.cluster.ClusterOperations} contract read, then checkpoint, and only then
   * write. A repeat that reuses a recorded decision may write without checkpointing again, and a
   * revert, an http call or a notification acts without one: those are stored as started first.
   */
  private static boolean startsAtCheckpoint(Step step, StepExecution attempt) {
    return attempt.recorded().isEmpty()
        && (step instanceof Step.Restart
            || step instanceof Step.Scale
            || step instanceof Step.ShiftTraffic
            || step instanceof Step.RotateSecret);
  }

  /** Steps that look at something again and again until a deadline, instead of making a call. */
  private static boolean waits(Step step) {
    return step instanceof Step.Approval
        || step instanceof Step.WaitForRollout
        || step instanceof Step.WaitForResolved;
  }

  private static Duration timeout(Step step) {
    return step instanceof Step.Approval approval ? approval.timeout() : step.settings().timeout();
  }

  private static boolean holds(Step step, RunScope scope) {
    return step.settings().when().stream().allMatch(c -> c.holds(scope));
  }

  private static String conditions(Step step) {
    return String.join(", ", step.settings().when().stream().map(Condition::source).toList());
  }

  private static String kind(Step step) {
    return step.action().map(a -> a.yamlName()).orElse("approval");
  }

  private static RunScope scope(Run run) {
    return new RunScope(run.alert(), run.params(), run.runVariables(), run.outputs());
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank()
        ? "unexpected error (" + t.getClass().getSimpleName() + ")"
        : message;
  }
}
