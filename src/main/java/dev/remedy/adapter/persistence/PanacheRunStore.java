package dev.remedy.adapter.persistence;

import dev.remedy.alert.Fingerprint;
import dev.remedy.guard.GuardDecision;
import dev.remedy.run.Lease;
import dev.remedy.run.Run;
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

  private static final List<String> ACTIVE =
      List.of(
          RunStatus.QUEUED.wireName(), RunStatus.RUNNING.wireName(), RunStatus.WAITING.wireName());

  private final RunRepository runs;
  private final StepExecutionRepository steps;
  private final GuardDecisionRepository decisions;
  private final ApprovalVoteRepository votes;
  private final Clock clock;

  public PanacheRunStore(
      RunRepository runs,
      StepExecutionRepository steps,
      GuardDecisionRepository decisions,
      ApprovalVoteRepository votes,
      Clock clock) {
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
                "select count(r) from RunEntity r where r.workflow = :w and r.status in :active",
                Long.class)
            .setParameter("w", workflow)
            .setParameter("active", ACTIVE)
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
    return runs
        .find("alertFingerprint = ?1 and status in ?2", alert.value(), ACTIVE)
        .list()
        .stream()
        .map(RunRows::toRun)
        .toList();
  }

  @Override
  @Transactional(TxType.MANDATORY)
  public void alertResolved(String runId, boolean cancel, String note) {
    String set =
        cancel
            ? "alertResolved = true, cancelRequested = true, endNote = :note, wakeAt = :now"
            : "alertResolved = true, wakeAt = :now";
    var query =
        em().createQuery("update RunEntity set " + set + " where id = :id and status in :active")
            .setParameter("now", clock.instant())
            .setParameter("id", runId)
            .setParameter("active", ACTIVE);
    if (cancel) {
      query.setParameter("note", note);
    }
    query.executeUpdate();
  }

  // ------------------------------------------------------------------ engine

  @Override
  @Transactional
  public List<String> claim(Lease lease, Instant now, int limit, Collection<String> hinted) {
    Set<String> candidates = new LinkedHashSet<>(hinted);
    if (candidates.size() < limit) {
      candidates.addAll(
          em().createQuery(
                  "select r.id from RunEntity r where r.wakeAt <= :now"
                      + " and (r.leaseUntil is null or r.leaseUntil < :now) order by r.wakeAt",
                  String.class)
              .setParameter("now", now)
              .setMaxResults(limit)
              .getResultList());
    }
    List<String> claimed = new ArrayList<>();
    for (String id : candidates) {
      if (claimed.size() >= limit) {
        break;
      }
      int updated =
          em().createQuery(
                  "update RunEntity set leaseOwner = :owner, leaseUntil = :until"
                      + " where id = :id and wakeAt <= :now and status in :active"
                      + " and (leaseUntil is null or leaseUntil < :now)")
              .setParameter("owner", lease.owner())
              .setParameter("until", lease.until())
              .setParameter("id", id)
              .setParameter("now", now)
              .setParameter("active", ACTIVE)
              .executeUpdate();
      if (updated == 1) {
        claimed.add(id);
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
  public boolean start(Run run, StepExecution attempt, Lease held, Lease renewed) {
    if (!update(run, held, Optional.of(renewed))) {
      return false;
    }
    upsert(attempt);
    return true;
  }

  @Override
  @Transactional
  public boolean checkpoint(StepExecution attempt, Lease held) {
    if (!holds(attempt.runId(), held)) {
      return false;
    }
    // Only the recorded state of an attempt still open: a call that outlived its timeout and
    // checkpoints late must not turn a settled attempt back into a started one.
    em().createQuery(
            "update StepExecutionEntity set recorded = :recorded where runId = :run"
                + " and phase = :phase and stepId = :step and attempt = :attempt"
                + " and status = 'started'")
        .setParameter("recorded", JsonColumns.write(attempt.recorded()))
        .setParameter("run", attempt.runId())
        .setParameter("phase", attempt.phase().name())
        .setParameter("step", attempt.stepId())
        .setParameter("attempt", attempt.attempt())
        .executeUpdate();
    return true;
  }

  @Override
  @Transactional
  public boolean save(Run run, List<StepExecution> attempts, Lease held, boolean release) {
    if (!update(run, held, release ? Optional.empty() : Optional.of(held))) {
      return false;
    }
    attempts.forEach(this::upsert);
    return true;
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
  public boolean requestCancel(String runId, String note) {
    return em().createQuery(
                "update RunEntity set cancelRequested = true, endNote = :note, wakeAt = :now"
                    + " where id = :id and status in :active")
            .setParameter("note", note)
            .setParameter("now", clock.instant())
            .setParameter("id", runId)
            .setParameter("active", ACTIVE)
            .executeUpdate()
        == 1;
  }

  @Override
  @Transactional
  public int wakeParked(Instant now) {
    return em().createQuery(
            "update RunEntity set wakeAt = :now where parkedBy is not null and status in :active")
        .setParameter("now", now)
        .setParameter("active", ACTIVE)
        .executeUpdate();
  }

  /**
   * Writes the engine's fields of the run if the lease is still held. The flags set by ingest and
   * the API ({@code alertResolved}, {@code cancelRequested}) are not overwritten; if they changed
   * since the worker loaded the run, the run is made due at once so the change is seen.
   */
  private boolean update(Run run, Lease held, Optional<Lease> keep) {
    RunEntity state = new RunEntity();
    RunRows.copyState(run, state);
    Instant wakeAt =
        state.wakeAt != null
            ? state.wakeAt
            : run.status().active() ? keep.map(Lease::until).orElse(clock.instant()) : null;
    boolean active = run.status().active();
    var query =
        em().createQuery(
                "update RunEntity set activeKey = :activeKey, status = :status, phase = :phase,"
                    + " stepIndex = :stepIndex, attempt = :attempt, wakeAt = :wakeAt,"
                    + " outputs = :outputs, failureReason = :failureReason,"
                    + " failureRetryable = :failureRetryable, failureMessage = :failureMessage,"
                    + " parkedBy = :parkedBy, startedAt = :startedAt, finishedAt = :finishedAt,"
                    + (active ? "" : " endNote = :endNote,")
                    + " leaseOwner = :leaseOwner, leaseUntil = :leaseUntil"
                    + " where id = :id and leaseOwner = :owner")
            .setParameter("activeKey", state.activeKey)
            .setParameter("status", state.status)
            .setParameter("phase", state.phase)
            .setParameter("stepIndex", state.stepIndex)
            .setParameter("attempt", state.attempt)
            .setParameter("outputs", state.outputs)
            .setParameter("failureReason", state.failureReason)
            .setParameter("failureRetryable", state.failureRetryable)
            .setParameter("failureMessage", state.failureMessage)
            .setParameter("parkedBy", state.parkedBy)
            .setParameter("startedAt", state.startedAt)
            .setParameter("finishedAt", state.finishedAt)
            .setParameter("leaseOwner", keep.map(Lease::owner).orElse(null))
            .setParameter("leaseUntil", keep.map(Lease::until).orElse(null))
            .setParameter("id", run.id())
            .setParameter("owner", held.owner());
    if (!active) {
      // While a run is active its note is the cancel/resolve reason set by others: kept.
      query.setParameter("endNote", state.endNote);
    }
    query.setParameter("wakeAt", wakeAt);
    if (query.executeUpdate() != 1) {
      return false;
    }
    if (active) {
      // Cancelled or resolved since the worker loaded the run: due now, so the change is seen.
      em().createQuery(
              "update RunEntity set wakeAt = :now where id = :id"
                  + " and (cancelRequested <> :cancel or alertResolved <> :resolved)")
          .setParameter("now", clock.instant())
          .setParameter("id", run.id())
          .setParameter("cancel", run.cancelRequested())
          .setParameter("resolved", run.alertResolved())
          .executeUpdate();
    }
    return true;
  }

  private boolean holds(String runId, Lease held) {
    return em().createQuery(
                "select count(r) from RunEntity r where r.id = :id and r.leaseOwner = :owner",
                Long.class)
            .setParameter("id", runId)
            .setParameter("owner", held.owner())
            .getSingleResult()
        == 1;
  }

  private void upsert(StepExecution attempt) {
    StepExecutionEntity row =
        steps
            .find(
                "runId = ?1 and phase = ?2 and stepId = ?3 and attempt = ?4",
                attempt.runId(),
                attempt.phase().name(),
                attempt.stepId(),
                attempt.attempt())
            .firstResult();
    if (row == null) {
      steps.persist(RunRows.toEntity(attempt));
    } else {
      RunRows.copyOutcome(attempt, row);
    }
    steps.flush();
    em().clear();
  }
}
