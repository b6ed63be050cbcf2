package dev.remedy.adapter.persistence;

import dev.remedy.adapter.persistence.EngineRows.Flags;
import dev.remedy.adapter.persistence.EngineRows.WakeUp;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RunStore} on Hibernate ORM. Leases are conditional updates ({@code where lease_owner =
 * :owner}) that behave the same on H2 and PostgreSQL: a row lock makes the second of two concurrent
 * claims see the first one's owner and update nothing.
 */
@ApplicationScoped
public class PanacheRunStore implements RunStore {

  /**
   * Active statuses as a literal, the same in JPQL and SQL: a list parameter costs Hibernate an
   * exception per call.
   */
  private static final String ACTIVE = EngineRows.ACTIVE;

  private final RunRepository runs;
  private final GuardDecisionRepository decisions;
  private final ApprovalVoteRepository votes;
  private final PanacheApprovalStore approvals;
  private final AuditLog audit;
  private final Clock clock;

  public PanacheRunStore(
      RunRepository runs,
      GuardDecisionRepository decisions,
      ApprovalVoteRepository votes,
      PanacheApprovalStore approvals,
      AuditLog audit,
      Clock clock) {
    this.approvals = approvals;
    this.audit = audit;
    this.runs = runs;
    this.decisions = decisions;
    this.votes = votes;
    this.clock = clock;
  }

  private EntityManager em() {
    return runs.getEntityManager();
  }

  /** The engine's statements on the current transaction's session. */
  private EngineRows rows() {
    return new EngineRows(em());
  }

  // ------------------------------------------------------------------ ingest

  @Override
  @Transactional(TxType.MANDATORY)
  public Optional<String> activeRunId(String workflow, String dedupKey) {
    return rows().activeRunId(RunRows.activeKey(workflow, dedupKey));
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
    // In JDBC, as the engine's other statements on runs: a managed entity and the flush that
    // inserted it were 6 % of the service's time in the engine benchmark (BENCHMARKS.md, Run
    // engine), and nothing reads the row back through the session in this transaction.
    try {
      rows().insertRun(RunRows.toEntity(run));
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
  public List<RunHistory> claim(Lease lease, Instant now, int limit, Collection<String> hinted) {
    EngineRows rows = rows();
    Set<String> tried = new LinkedHashSet<>(hinted);
    List<String> remaining = new ArrayList<>(tried);
    boolean lookedForDue = false;
    List<String> claimed = new ArrayList<>();
    // Usually one round: the hinted runs, then the due ones if fewer were hinted than the limit;
    // those another replica took meanwhile (or that are not due) are replaced by further due ones.
    while (claimed.size() < limit) {
      if (remaining.size() < limit - claimed.size() && !lookedForDue) {
        lookedForDue = true;
        rows.due(now, limit).stream().filter(tried::add).forEach(remaining::add);
      }
      if (remaining.isEmpty()) {
        break;
      }
      List<String> round = remaining.subList(0, Math.min(limit - claimed.size(), remaining.size()));
      // Read before the lease is taken, for the audit event. A run another worker changes between
      // the two statements can only be leased here if it became due and free again, so the event
      // is then recorded once more than needed, never missed for a run that was queued or leased.
      Map<String, EngineRows.Before> before = rows.before(round);
      for (String id : rows.lease(round, lease, now)) {
        claimed.add(id);
        EngineRows.Before was = before.get(id);
        if (was != null && RunEvents.claimWorthRecording(was.status(), was.leased())) {
          audit.append(
              RunEvents.claimed(id, new WorkflowVersion(was.workflow(), was.digest()), lease));
        }
      }
      round.clear();
    }
    // Loaded after the lease is taken: no other worker writes them from now on.
    Map<String, RunHistory> loaded = rows.histories(claimed);
    return claimed.stream().map(loaded::get).filter(Objects::nonNull).toList();
  }

  @Override
  @Transactional
  public Optional<RunHistory> load(String runId) {
    return Optional.ofNullable(rows().histories(List.of(runId)).get(runId));
  }

  @Override
  @Transactional
  public Saved start(
      Run run,
      List<StepExecution> settled,
      StepExecution attempt,
      boolean attemptStored,
      Lease held,
      Lease renewed,
      List<AuditEvent> events) {
    EngineRows rows = rows();
    Saved saved = update(rows, run, held, Optional.of(renewed));
    if (saved.stored()) {
      settled.forEach(rows::upsert);
      if (attemptStored) {
        rows.upsert(attempt);
      } else {
        rows.insert(attempt);
      }
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
    return rows().checkpoint(attempt, held.owner());
  }

  @Override
  @Transactional
  public Saved save(
      Run run, List<StepExecution> attempts, Lease held, boolean release, List<AuditEvent> events) {
    EngineRows rows = rows();
    Saved saved = update(rows, run, held, release ? Optional.empty() : Optional.of(held));
    if (saved.stored()) {
      attempts.forEach(rows::upsert);
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
    rows().release(runId, held.owner());
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
   *
   * <p>A run that goes on under the lease keeps its stored wake-up time (the moment it became due,
   * already past): the lease alone keeps other workers off it, and once the lease ends the run is
   * due again. Its row then changes no indexed column from one step to the next, so that PostgreSQL
   * updates it in place (a heap-only tuple, with the free space V8 leaves in each page) instead of
   * adding an entry to each of the table's eight indexes (BENCHMARKS.md, Run engine).
   */
  private Saved update(EngineRows rows, Run run, Lease held, Optional<Lease> keep) {
    RunEntity state = new RunEntity();
    RunRows.copyState(run, state);
    boolean active = run.status().active();
    WakeUp wakeUp = wakeUp(run, keep.isPresent());
    // Usually one statement: nobody changed the flags since the worker loaded the run.
    Optional<Flags> loaded = Optional.of(new Flags(run.cancelRequested(), run.alertResolved()));
    if (rows.updateRun(run.id(), active, state, wakeUp, keep, held.owner(), loaded) == 1) {
      return Saved.SAVED;
    }
    // Cancelled or resolved meanwhile (or the lease is gone): store anyway, and make an active run
    // due now so that the change is seen at once.
    WakeUp due = active ? now() : new WakeUp.Cleared();
    return rows.updateRun(run.id(), active, state, due, keep, held.owner(), Optional.empty()) == 1
        ? Saved.SAVED_FLAGS_CHANGED
        : Saved.LEASE_LOST;
  }

  /**
   * The run's own wake-up time if it has one; else, for an active run, the stored one kept while it
   * goes on under the lease, or now when it gives the lease up (due again at once).
   */
  private WakeUp wakeUp(Run run, boolean goesOn) {
    if (run.wakeAt().isPresent()) {
      return new WakeUp.At(run.wakeAt().get());
    }
    if (!run.status().active()) {
      return new WakeUp.Cleared();
    }
    return goesOn ? new WakeUp.Kept() : now();
  }

  private WakeUp now() {
    return new WakeUp.At(clock.instant());
  }
}
