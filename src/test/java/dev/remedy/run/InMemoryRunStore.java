package dev.remedy.run;

import dev.remedy.alert.Fingerprint;
import dev.remedy.audit.Actor;
import dev.remedy.audit.AuditEvent;
import dev.remedy.guard.GuardDecision;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RunStore} in memory, with the semantics of the persistence adapter: engine writes are
 * conditional on the lease owner; {@code save} and {@code start} never overwrite the flags set by
 * ingest and the API ({@code alertResolved}, {@code cancelRequested}) and make the run due at once
 * when those changed meanwhile; an active run without a wake-up time is due when its lease ends;
 * attempts are upserted by run, phase, step and attempt number, keeping what was fixed at start;
 * audit events are collected when their change is stored.
 */
final class InMemoryRunStore implements RunStore {

  private static final class Row {
    Run run;
    String leaseOwner;
    Instant leaseUntil;

    Row(Run run) {
      this.run = run;
    }
  }

  private final Clock clock;
  private final Map<String, Row> runs = new LinkedHashMap<>();
  private final List<StepExecution> attempts = new ArrayList<>();
  private final List<GuardDecision> decisions = new ArrayList<>();
  private final Map<String, List<Vote>> votes = new HashMap<>();
  private final List<AuditEvent> audit = new ArrayList<>();
  private volatile Runnable whileVotesAreRead = () -> {};

  InMemoryRunStore(Clock clock) {
    this.clock = clock;
  }

  // ------------------------------------------------------------------ ingest

  @Override
  public synchronized Optional<String> activeRunId(String workflow, String dedupKey) {
    return runs.values().stream()
        .map(r -> r.run)
        .filter(
            r ->
                r.status().active()
                    && r.workflow().equals(workflow)
                    && r.dedupKey().equals(dedupKey))
        .map(Run::id)
        .findFirst();
  }

  @Override
  public synchronized KeyHistory history(
      String workflow, String dedupKey, Instant rateWindowStart) {
    List<Run> ofKey =
        runs.values().stream()
            .map(r -> r.run)
            .filter(r -> r.workflow().equals(workflow) && r.dedupKey().equals(dedupKey))
            .toList();
    int since = (int) ofKey.stream().filter(r -> !r.createdAt().isBefore(rateWindowStart)).count();
    Optional<Instant> lastEnded =
        ofKey.stream()
            .map(Run::finishedAt)
            .flatMap(Optional::stream)
            .max(Comparator.naturalOrder());
    int active =
        (int)
            runs.values().stream()
                .map(r -> r.run)
                .filter(r -> r.workflow().equals(workflow) && r.status().active())
                .count();
    return new KeyHistory(since, lastEnded, active);
  }

  @Override
  public synchronized void create(Run run) {
    if (runs.containsKey(run.id())) {
      throw new IllegalStateException("run " + run.id() + " exists");
    }
    if (run.status().active() && activeRunId(run.workflow(), run.dedupKey()).isPresent()) {
      throw new dev.remedy.alert.ConcurrentIngestException(
          new IllegalStateException("active run exists for " + run.dedupKey()));
    }
    runs.put(run.id(), new Row(run));
  }

  @Override
  public synchronized void record(GuardDecision decision) {
    decisions.add(decision);
  }

  @Override
  public synchronized List<Run> activeRunsOf(Fingerprint alert) {
    return runs.values().stream()
        .map(r -> r.run)
        .filter(r -> r.status().active() && r.alert().fingerprint().equals(alert))
        .toList();
  }

  @Override
  public synchronized void alertResolved(
      String runId, boolean cancel, String note, Optional<Actor> requestedBy) {
    Row row = runs.get(runId);
    if (row == null || !row.run.status().active()) {
      return;
    }
    Run r = row.run;
    requestedBy.ifPresent(
        by -> audit.add(RunEvents.cancelRequested(by, runId, RunEvents.version(r), note)));
    row.run =
        copy(
            r,
            r,
            true,
            cancel || r.cancelRequested(),
            cancel ? note : r.endNote(),
            Optional.of(clock.instant()));
  }

  // ------------------------------------------------------------------ engine

  @Override
  public synchronized List<RunHistory> claim(
      Lease lease, Instant now, int limit, Collection<String> hinted) {
    // The hinted runs first, then the due ones (which also replace hinted runs not claimable).
    Set<String> candidates = new LinkedHashSet<>(hinted);
    runs.values().stream()
        .filter(r -> r.run.wakeAt().isPresent() && !r.run.wakeAt().get().isAfter(now))
        .filter(r -> r.leaseUntil == null || r.leaseUntil.isBefore(now))
        .sorted(Comparator.comparing(r -> r.run.wakeAt().get()))
        .forEach(r -> candidates.add(r.run.id()));
    List<String> claimed = new ArrayList<>();
    for (String id : candidates) {
      if (claimed.size() >= limit) {
        break;
      }
      Row row = runs.get(id);
      if (row != null
          && row.run.status().active()
          && row.run.wakeAt().isPresent()
          && !row.run.wakeAt().get().isAfter(now)
          && (row.leaseUntil == null || row.leaseUntil.isBefore(now))) {
        boolean recorded = RunEvents.claimWorthRecording(row.run.status(), row.leaseOwner != null);
        row.leaseOwner = lease.owner();
        row.leaseUntil = lease.until();
        claimed.add(id);
        if (recorded) {
          audit.add(RunEvents.claimed(id, RunEvents.version(row.run), lease));
        }
      }
    }
    return claimed.stream().map(id -> load(id).orElseThrow()).toList();
  }

  @Override
  public synchronized Optional<RunHistory> load(String runId) {
    Row row = runs.get(runId);
    return row == null ? Optional.empty() : Optional.of(new RunHistory(row.run, attempts(runId)));
  }

  @Override
  public synchronized Saved start(
      Run run,
      List<StepExecution> settled,
      StepExecution attempt,
      boolean attemptStored,
      Lease held,
      Lease renewed,
      List<AuditEvent> events) {
    Saved saved = save(run, settled, held, false, events);
    if (saved.stored()) {
      update(run, held, Optional.of(renewed));
      if (attemptStored != stored(attempt)) {
        // The database store inserts a new attempt without looking: a second row for the same
        // attempt would fail there on the unique key.
        throw new IllegalStateException(
            "attempt "
                + attempt.stepId()
                + "#"
                + attempt.attempt()
                + (attemptStored ? " is not stored" : " is stored already"));
      }
      upsert(attempt);
    }
    return saved;
  }

  @Override
  public synchronized boolean checkpoint(StepExecution attempt, Lease held) {
    checkpoints++;
    if (!holds(attempt.runId(), held)) {
      return false;
    }
    upsert(attempt);
    return true;
  }

  @Override
  public synchronized Saved save(
      Run run,
      List<StepExecution> stepAttempts,
      Lease held,
      boolean release,
      List<AuditEvent> events) {
    Row row = runs.get(run.id());
    boolean flagsChanged =
        row != null
            && (row.run.cancelRequested() != run.cancelRequested()
                || row.run.alertResolved() != run.alertResolved());
    if (!update(run, held, release ? Optional.empty() : Optional.of(held))) {
      return Saved.LEASE_LOST;
    }
    stepAttempts.forEach(this::upsert);
    audit.addAll(events);
    return flagsChanged ? Saved.SAVED_FLAGS_CHANGED : Saved.SAVED;
  }

  @Override
  public synchronized void release(String runId, Lease held) {
    Row row = runs.get(runId);
    if (row != null && Objects.equals(row.leaseOwner, held.owner())) {
      row.leaseOwner = null;
      row.leaseUntil = null;
    }
  }

  @Override
  public synchronized int mutatingAttemptsSince(Instant since, int atMost) {
    return (int)
        attempts.stream()
            .filter(s -> s.mutating() && !s.dryRun() && !s.startedAt().isBefore(since))
            .limit(atMost)
            .count();
  }

  /** Runs {@code action} each time an approval step counts its votes (time passing meanwhile). */
  void whileVotesAreRead(Runnable action) {
    whileVotesAreRead = action;
  }

  @Override
  public synchronized List<Vote> votes(String runId, String stepId) {
    whileVotesAreRead.run();
    return List.copyOf(votes.getOrDefault(runId + "/" + stepId, List.of()));
  }

  @Override
  public synchronized boolean requestCancel(String runId, Actor by, String note) {
    Row row = runs.get(runId);
    if (row == null || !row.run.status().active()) {
      return false;
    }
    Run r = row.run;
    audit.add(RunEvents.cancelRequested(by, runId, RunEvents.version(r), note));
    row.run = copy(r, r, r.alertResolved(), true, note, Optional.of(clock.instant()));
    return true;
  }

  @Override
  public synchronized int wakeParked(Instant now) {
    int woken = 0;
    for (Row row : runs.values()) {
      Run r = row.run;
      if (r.status().active() && r.parkedBy().isPresent()) {
        row.run = copy(r, r, r.alertResolved(), r.cancelRequested(), r.endNote(), Optional.of(now));
        woken++;
      }
    }
    return woken;
  }

  // ------------------------------------------------------------------ for tests

  private int checkpoints;

  /** How many checkpoints were stored in a transaction of their own. */
  synchronized int checkpoints() {
    return checkpoints;
  }

  /** The audit events appended with the changes stored, in order. */
  synchronized List<AuditEvent> events(String runId) {
    return audit.stream().filter(e -> e.runId().equals(Optional.of(runId))).toList();
  }

  /** Their types. */
  synchronized List<String> eventTypes(String runId) {
    return events(runId).stream().map(AuditEvent::type).toList();
  }

  synchronized Run run(String runId) {
    return runs.get(runId).run;
  }

  synchronized List<StepExecution> attempts(String runId) {
    return attempts.stream().filter(s -> s.runId().equals(runId)).toList();
  }

  synchronized List<StepExecution> attempts(String runId, String stepId) {
    return attempts.stream()
        .filter(s -> s.runId().equals(runId) && s.stepId().equals(stepId))
        .toList();
  }

  synchronized Optional<String> leaseOwner(String runId) {
    return Optional.ofNullable(runs.get(runId).leaseOwner);
  }

  synchronized Optional<Instant> leaseUntil(String runId) {
    return Optional.ofNullable(runs.get(runId).leaseUntil);
  }

  synchronized List<GuardDecision> decisions() {
    return List.copyOf(decisions);
  }

  /** A decision on an approval step; like the decision endpoint, it makes the run due at once. */
  synchronized void vote(String runId, String stepId, String approver, boolean approve) {
    votes
        .computeIfAbsent(runId + "/" + stepId, k -> new ArrayList<>())
        .add(new Vote(approver, approve, clock.instant(), ""));
    Row row = runs.get(runId);
    if (row != null && row.run.status().active()) {
      Run r = row.run;
      row.run =
          copy(
              r,
              r,
              r.alertResolved(),
              r.cancelRequested(),
              r.endNote(),
              Optional.of(clock.instant()));
    }
  }

  /** Another replica took the run over (its lease expired while this worker was paused). */
  synchronized void takeOver(String runId, Lease lease) {
    Row row = runs.get(runId);
    row.leaseOwner = lease.owner();
    row.leaseUntil = lease.until();
  }

  /** An attempt of some other run, e.g. to spend part of the action budget. */
  synchronized void addAttempt(StepExecution attempt) {
    upsert(attempt);
  }

  // ------------------------------------------------------------------ internals

  private boolean holds(String runId, Lease held) {
    Row row = runs.get(runId);
    return row != null && Objects.equals(row.leaseOwner, held.owner());
  }

  /** The engine's fields of the run, if the lease is still held (see the adapter's update). */
  private boolean update(Run run, Lease held, Optional<Lease> keep) {
    Row row = runs.get(run.id());
    if (row == null || !Objects.equals(row.leaseOwner, held.owner())) {
      return false;
    }
    Run stored = row.run;
    Optional<Instant> wakeAt;
    if (!run.status().active()) {
      wakeAt = Optional.empty();
    } else if (stored.cancelRequested() != run.cancelRequested()
        || stored.alertResolved() != run.alertResolved()) {
      wakeAt = Optional.of(clock.instant());
    } else {
      // Going on under the lease, a run keeps the wake-up time it was claimed at (as the database
      // store does): the lease keeps other workers off it.
      wakeAt =
          run.wakeAt().isPresent()
              ? run.wakeAt()
              : keep.isPresent() ? stored.wakeAt() : Optional.of(clock.instant());
    }
    row.run =
        copy(
            stored,
            run,
            stored.alertResolved(),
            stored.cancelRequested(),
            run.status().active() ? stored.endNote() : run.endNote(),
            wakeAt);
    row.leaseOwner = keep.map(Lease::owner).orElse(null);
    row.leaseUntil = keep.map(Lease::until).orElse(null);
    return true;
  }

  private boolean stored(StepExecution attempt) {
    return attempts.stream()
        .anyMatch(
            s ->
                s.runId().equals(attempt.runId())
                    && s.phase() == attempt.phase()
                    && s.stepId().equals(attempt.stepId())
                    && s.attempt() == attempt.attempt());
  }

  private void upsert(StepExecution attempt) {
    for (int i = 0; i < attempts.size(); i++) {
      StepExecution s = attempts.get(i);
      if (s.runId().equals(attempt.runId())
          && s.phase() == attempt.phase()
          && s.stepId().equals(attempt.stepId())
          && s.attempt() == attempt.attempt()) {
        // What was fixed when the attempt started stays; the outcome is replaced.
        attempts.set(
            i,
            new StepExecution(
                s.runId(),
                s.stepId(),
                s.phase(),
                s.attempt(),
                s.action(),
                attempt.status(),
                s.startedAt(),
                s.deadline(),
                attempt.finishedAt(),
                attempt.outputs(),
                attempt.recorded(),
                attempt.failure(),
                s.mutating(),
                s.dryRun()));
        return;
      }
    }
    attempts.add(attempt);
  }

  /**
   * The identity and creation fields of {@code fixed}, the engine's fields of {@code state}, and
   * the given flags, note and wake-up time.
   */
  private static Run copy(
      Run fixed,
      Run state,
      boolean alertResolved,
      boolean cancelRequested,
      String endNote,
      Optional<Instant> wakeAt) {
    return new Run(
        fixed.id(),
        fixed.workflow(),
        fixed.workflowDigest(),
        fixed.dedupKey(),
        fixed.alert(),
        fixed.params(),
        state.status(),
        state.phase(),
        state.stepIndex(),
        state.attempt(),
        wakeAt,
        state.outputs(),
        state.failure(),
        fixed.dryRun(),
        state.parkedBy(),
        alertResolved,
        cancelRequested,
        fixed.createdAt(),
        state.startedAt(),
        state.finishedAt(),
        endNote);
  }
}
