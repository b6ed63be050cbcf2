package dev.remedy.adapter.persistence;

import dev.remedy.alert.Fingerprint;
import dev.remedy.audit.Actor;
import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
import dev.remedy.audit.WorkflowVersion;
import dev.remedy.guard.GuardDecision;
import dev.remedy.run.Lease;
import dev.remedy.run.Run;
import dev.remedy.run.RunEvents;
import dev.remedy.run.RunHistory;
import dev.remedy.run.RunStatus;
import dev.remedy.run.RunStore;
import dev.remedy.run.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RunStore} on Hibernate ORM. Leases are conditional updates ({@code where lease_owner =
 * :owner}) that behave the same on H2 and PostgreSQL: a row lock makes the second of two concurrent
 * claims see the first one's owner and update nothing.
 */
@ApplicationScoped
public class PanacheRunStore implements RunStore {

  /** Active statuses as a JPQL literal: a list parameter costs Hibernate an exception per call. */
  private static final String ACTIVE =
      "('"
          + String.join(
              "', '",
              RunStatus.QUEUED.wireName(),
              RunStatus.RUNNING.wireName(),
              RunStatus.WAITING.wireName())
          + "')";

  private final RunRepository runs;
  private final StepExecutionRepository steps;
  private final GuardDecisionRepository decisions;
  private final ApprovalVoteRepository votes;
  private final PanacheApprovalStore approvals;
  private final AuditLog audit;
  private final Clock clock;

  public PanacheRunStore(
      RunRepository runs,
      StepExecutionRepository steps,
      GuardDecisionRepository decisions,
      ApprovalVoteRepository votes,
      PanacheApprovalStore approvals,
      AuditLog audit,
      Clock clock) {
    this.approvals = approvals;
    this.audit = audit;
    this.runs = runs;
    this.steps = steps;
    this.decisions = decisions;
    this.votes = votes;
    this.clock = clock;
  }

  private EntityManager em() {
    return runs.getEntityManager();
  }

  // ------------------------------------------------------------------ ingest

  @Override
  @Transactional(TxType.MANDATORY)
  public Optional<String> activeRunId(String workflow, String dedupKey) {
    return em().createQuery("select r.id from RunEntity r where r.activeKey = :k", String.class)
        .setParameter("k", RunRows.activeKey(workflow, dedupKey))
        .getResultStream()
        .findFirst();
  }

  @Override
  @Transactional(TxType.MANDATORY)
  public KeyHistory history(String workflow, String dedupKey, Instant rateWindowStart) {
    long since =
        em().createQuery(
                "select count(r) from RunEntity r where r.workflow = :w and r.dedupKey = :k"
                    + " and r.createdAt >= :since",
                Long.class)
            .setParameter("w", workflow)
            .setParameter("k", dedupKey)
            .setParameter("since", rateWindowStart)
            .getSingleResult();
    Instant lastEnded =
        em().createQuery(
                "select max(r.finishedAt) from RunEntity r where r.workflow = :w"
                    + " and r.dedupKey = :k",
                Instant.class)
            .setParameter("w", workflow)
            .setParameter("k", dedupKey)
            .getSingleResult();
    long active =
        em().createQuery(
                "select count(r) from RunEntity r where r.workflow = :w and r.status in " + ACTIVE,
                Long.class)
            .setParameter("w", workflow)
            .getSingleResult();
    return new KeyHistory((int) since, Optional.ofNullable(lastEnded), (int) active);
  }

  @Override
  @Transactional(TxType.MANDATORY)
  public void create(Run run) {
    try {
      RunEntity row = RunRows.toEntity(run);
      runs.persist(row);
      runs.flush();
      em().detach(row);
    } catch (PersistenceException e) {
      throw PanacheAlertStore.translated(e);
    }
  }

  @Override
  @Transactional
  public void record(GuardDecision decision) {
    GuardDecisionEntity row = new GuardDecisionEntity();
    row.workflow = decision.workflow();
    row.dedupKey = decision.dedupKey();
    row.fingerprint = decision.fingerprint();
    row.runId = decision.runId().orElse(null);
    row.outcome = decision.outcome().wireName();
    row.guard = decision.guard().map(g -> g.wireName()).orElse(null);
    row.detail = decision.detail();
    row.decidedAt = decision.at();
    decisions.persist(row);
    decisions.flush();
    em().detach(row);
  }

  @Override
  @Transactional(TxType.MANDATORY)
  public List<Run> activeRunsOf(Fingerprint alert) {
    return runs.find("alertFingerprint = ?1 and status in " + ACTIVE, alert.value()).list().stream()
        .map(RunRows::toRun)
        .toList();
  }

  @Override
  @Transactional(TxType.MANDATORY)
  public void alertResolved(
      String runId, boolean cancel, String note, Optional<Actor> requestedBy) {
    String set =
        cancel
            ? "alertResolved = true, cancelRequested = true, endNote = :note, wakeAt = :now"
            : "alertResolved = true, wakeAt = :now";
    var query =
        em().createQuery("update RunEntity set " + set + " where id = :id and status in " + ACTIVE)
            .setParameter("now", clock.instant())
            .setParameter("id", runId);
    if (cancel) {
      query.setParameter("note", note);
    }
    if (query.executeUpdate() == 1 && requestedBy.isPresent()) {
      audit.append(RunEvents.cancelRequested(requestedBy.get(), runId, version(runId), note));
    }
  }

  // ------------------------------------------------------------------ engine

  @Override
  @Transactional
  public List<String> claim(Lease lease, Instant now, int limit, Collection<String> hinted) {
    Set<String> candidates = new LinkedHashSet<>(hinted);
    if (candidates.size() < limit) {
      // The lower bound keeps H2 off the index entries of finished runs (wake_at null, which H2
      // sorts first): without it each claim read every finished run, 90,000 of them after a few
      // minutes of load (BENCHMARKS.md, Alertmanager ingest). PostgreSQL sorts nulls last.
      candidates.addAll(
          em().createQuery(
                  "select r.id from RunEntity r where r.wakeAt >= :earliest and r.wakeAt <= :now"
                      + " and (r.leaseUntil is null or r.leaseUntil < :now) order by r.wakeAt",
                  String.class)
              .setParameter("earliest", Instant.EPOCH)
              .setParameter("now", now)
              .setMaxResults(limit)
              .getResultList());
    }
    List<String> claimed = new ArrayList<>();
    for (String id : candidates) {
      if (claimed.size() >= limit) {
        break;
      }
      Object[] before = claimedFrom(id);
      int updated =
          NativeUpdate.of(
                  em(),
                  "update run set lease_owner = :owner, lease_until = :until"
                      + " where id = :id and wake_at <= :now and status in "
                      + ACTIVE
                      + " and (lease_until is null or lease_until < :now)")
              .text("owner", lease.owner())
              .time("until", lease.until())
              .text("id", id)
              .time("now", now)
              .execute();
      if (updated == 1) {
        claimed.add(id);
        if (RunEvents.claimWorthRecording(
            RunStatus.fromWireName((String) before[2]), before[3] != null)) {
          audit.append(
              RunEvents.claimed(
                  id, new WorkflowVersion((String) before[0], (String) before[1]), lease));
        }
      }
    }
    return claimed;
  }

  @Override
  @Transactional
  public Optional<RunHistory> load(String runId) {
    RunEntity row = runs.findById(runId);
    if (row == null) {
      return Optional.empty();
    }
    Run run = RunRows.toRun(row);
    List<StepExecution> attempts =
        steps.list("runId = ?1 order by startedAt, id", runId).stream()
            .map(RunRows::toStep)
            .toList();
    em().clear();
    return Optional.of(new RunHistory(run, attempts));
  }

  @Override
  @Transactional
  public Saved start(
      Run run,
      List<StepExecution> settled,
      StepExecution attempt,
      Lease held,
      Lease renewed,
      List<AuditEvent> events) {
    Saved saved = update(run, held, Optional.of(renewed));
    if (saved.stored()) {
      settled.forEach(this::upsert);
      upsert(attempt);
      events.forEach(audit::append);
    }
    return saved;
  }

  @Override
  @Transactional
  public boolean checkpoint(StepExecution attempt, Lease held) {
    // Only the recorded state of an attempt still open, and only under the lease: a call that
    // outlived its timeout and checkpoints late must not turn a settled attempt back into a
    // started one.
    return NativeUpdate.of(
                em(),
                "update step_execution set recorded = :recorded where run_id = :run"
                    + " and phase = :phase and step_id = :step and attempt = :attempt"
                    + " and status = 'started' and exists (select 1 from run r"
                    + " where r.id = :run and r.lease_owner = :owner)")
            .text("recorded", JsonColumns.write(attempt.recorded()))
            .text("run", attempt.runId())
            .text("phase", attempt.phase().name())
            .text("step", attempt.stepId())
            .number("attempt", attempt.attempt())
            .text("owner", held.owner())
            .execute()
        == 1;
  }

  @Override
  @Transactional
  public Saved save(
      Run run, List<StepExecution> attempts, Lease held, boolean release, List<AuditEvent> events) {
    Saved saved = update(run, held, release ? Optional.empty() : Optional.of(held));
    if (saved.stored()) {
      attempts.forEach(this::upsert);
      if (!run.status().active()) {
        approvals.cancelPending(run.id(), clock.instant());
      }
      events.forEach(audit::append);
    }
    return saved;
  }

  @Override
  @Transactional
  public void release(String runId, Lease held) {
    em().createQuery(
            "update RunEntity set leaseOwner = null, leaseUntil = null"
                + " where id = :id and leaseOwner = :owner")
        .setParameter("id", runId)
        .setParameter("owner", held.owner())
        .executeUpdate();
  }

  @Override
  @Transactional
  public int mutatingAttemptsSince(Instant since, int atMost) {
    return em().createQuery(
            "select s.id from StepExecutionEntity s where s.mutating = true"
                + " and s.dryRun = false and s.startedAt >= :since",
            Long.class)
        .setParameter("since", since)
        .setMaxResults(atMost)
        .getResultList()
        .size();
  }

  @Override
  @Transactional
  public List<Vote> votes(String runId, String stepId) {
    return votes.list("runId = ?1 and stepId = ?2 order by votedAt, id", runId, stepId).stream()
        .map(v -> new Vote(v.approver, v.approve, v.votedAt, v.comment))
        .toList();
  }

  @Override
  @Transactional
  public boolean requestCancel(String runId, Actor by, String note) {
    boolean requested =
        em().createQuery(
                    "update RunEntity set cancelRequested = true, endNote = :note, wakeAt = :now"
                        + " where id = :id and status in "
                        + ACTIVE)
                .setParameter("note", note)
                .setParameter("now", clock.instant())
                .setParameter("id", runId)
                .executeUpdate()
            == 1;
    if (requested) {
      audit.append(RunEvents.cancelRequested(by, runId, version(runId), note));
    }
    return requested;
  }

  /** What a claim's audit event needs: workflow, digest, status and lease owner before it. */
  private Object[] claimedFrom(String runId) {
    return em().createQuery(
            "select r.workflow, r.workflowDigest, r.status, r.leaseOwner from RunEntity r"
                + " where r.id = :id",
            Object[].class)
        .setParameter("id", runId)
        .getSingleResult();
  }

  /** The workflow version a stored run executes, for its audit events. */
  private WorkflowVersion version(String runId) {
    Object[] row =
        em().createQuery(
                "select r.workflow, r.workflowDigest from RunEntity r where r.id = :id",
                Object[].class)
            .setParameter("id", runId)
            .getSingleResult();
    return new WorkflowVersion((String) row[0], (String) row[1]);
  }

  @Override
  @Transactional
  public int wakeParked(Instant now) {
    return em().createQuery(
            "update RunEntity set wakeAt = :now where parkedBy is not null and status in " + ACTIVE)
        .setParameter("now", now)
        .executeUpdate();
  }

  /**
   * Writes the engine's fields of the run if the lease is still held. The flags set by ingest and
   * the API ({@code alertResolved}, {@code cancelRequested}) are not overwritten; if they changed
   * since the worker loaded the run, the run is made due at once so the change is seen.
   */
  private Saved update(Run run, Lease held, Optional<Lease> keep) {
    RunEntity state = new RunEntity();
    RunRows.copyState(run, state);
    boolean active = run.status().active();
    Instant wakeAt =
        state.wakeAt != null
            ? state.wakeAt
            : active ? keep.map(Lease::until).orElse(clock.instant()) : null;
    // Usually one statement: nobody changed the flags since the worker loaded the run.
    if (runUpdate(run, state, wakeAt, held, keep, true) == 1) {
      return Saved.SAVED;
    }
    // Cancelled or resolved meanwhile (or the lease is gone): store anyway, and make an active run
    // due now so that the change is seen at once.
    Instant due = active ? clock.instant() : null;
    return runUpdate(run, state, due, held, keep, false) == 1
        ? Saved.SAVED_FLAGS_CHANGED
        : Saved.LEASE_LOST;
  }

  /**
   * Writes the engine's fields of the run if the lease is still held (and, with {@code sameFlags},
   * if {@code alertResolved} and {@code cancelRequested} are as the worker loaded them). Those
   * flags are set by ingest and the API and never written here.
   */
  private int runUpdate(
      Run run,
      RunEntity state,
      Instant wakeAt,
      Lease held,
      Optional<Lease> keep,
      boolean sameFlags) {
    boolean active = run.status().active();
    NativeUpdate update =
        NativeUpdate.of(
                em(),
                "update run set active_key = :activeKey, status = :status, phase = :phase,"
                    + " step_index = :stepIndex, attempt = :attempt, wake_at = :wakeAt,"
                    + " outputs = :outputs, failure_reason = :failureReason,"
                    + " failure_retryable = :failureRetryable, failure_message = :failureMessage,"
                    + " parked_by = :parkedBy, started_at = :startedAt, finished_at = :finishedAt,"
                    + (active ? "" : " end_note = :endNote,")
                    + " lease_owner = :leaseOwner, lease_until = :leaseUntil"
                    + " where id = :id and lease_owner = :owner"
                    + (sameFlags
                        ? " and cancel_requested = :cancel and alert_resolved = :resolved"
                        : ""))
            .text("activeKey", state.activeKey)
            .text("status", state.status)
            .text("phase", state.phase)
            .number("stepIndex", state.stepIndex)
            .number("attempt", state.attempt)
            .time("wakeAt", wakeAt)
            .text("outputs", state.outputs)
            .text("failureReason", state.failureReason)
            .bool("failureRetryable", state.failureRetryable)
            .text("failureMessage", state.failureMessage)
            .text("parkedBy", state.parkedBy)
            .time("startedAt", state.startedAt)
            .time("finishedAt", state.finishedAt)
            .text("leaseOwner", keep.map(Lease::owner).orElse(null))
            .time("leaseUntil", keep.map(Lease::until).orElse(null))
            .text("id", run.id())
            .text("owner", held.owner());
    if (!active) {
      // While a run is active its note is the cancel/resolve reason set by others: kept.
      update.text("endNote", state.endNote);
    }
    if (sameFlags) {
      update.bool("cancel", run.cancelRequested()).bool("resolved", run.alertResolved());
    }
    return update.execute();
  }

  /** Updates the attempt's outcome by its natural key; inserts it when it is new. */
  private void upsert(StepExecution attempt) {
    int updated =
        NativeUpdate.of(
                em(),
                "update step_execution set status = :status, deadline = :deadline,"
                    + " finished_at = :finishedAt, outputs = :outputs, recorded = :recorded,"
                    + " failure_reason = :failureReason, failure_retryable = :failureRetryable,"
                    + " failure_message = :failureMessage where run_id = :run and phase = :phase"
                    + " and step_id = :step and attempt = :attempt")
            .text("status", attempt.status().wireName())
            .time("deadline", attempt.deadline())
            .time("finishedAt", attempt.finishedAt().orElse(null))
            .text("outputs", JsonColumns.write(attempt.outputs()))
            .text("recorded", JsonColumns.write(attempt.recorded()))
            .text("failureReason", attempt.failure().map(f -> f.reason().wireName()).orElse(null))
            .bool(
                "failureRetryable",
                attempt.failure().map(dev.remedy.run.StepFailure::retryable).orElse(null))
            .text(
                "failureMessage",
                attempt.failure().map(dev.remedy.run.StepFailure::message).orElse(null))
            .text("run", attempt.runId())
            .text("phase", attempt.phase().name())
            .text("step", attempt.stepId())
            .number("attempt", attempt.attempt())
            .execute();
    if (updated == 0) {
      StepExecutionEntity row = RunRows.toEntity(attempt);
      steps.persist(row);
      steps.flush();
      em().detach(row);
    }
  }
}
