package dev.remedy.run;

import dev.remedy.alert.Fingerprint;
import dev.remedy.audit.Actor;
import dev.remedy.audit.AuditEvent;
import dev.remedy.guard.GuardDecision;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where runs, their step attempts and guard decisions are kept (the database, behind the
 * persistence adapter).
 *
 * <p>Two kinds of methods. The ingest methods run inside the caller's transaction (the one that
 * stores the notification). The engine methods are each a transaction of their own and, where they
 * take a {@link Lease}, change nothing and answer {@code false} when the run no longer holds that
 * lease: the caller then stops driving the run.
 *
 * <p>Audit: every change appends its events ({@link RunEvents}) in the transaction that makes it:
 * the engine passes the step and run events to {@link #start} and {@link #save}, which append them
 * only when they store the change; {@link #claim}, {@link #requestCancel} and {@link
 * #alertResolved} append their own.
 */
public interface RunStore {

  // ------------------------------------------------------------------ ingest (caller's
  // transaction)

  /** The active run of a workflow for a dedup key, if there is one. */
  Optional<String> activeRunId(String workflow, String dedupKey);

  /** What the guards of a workflow need to know about a dedup key and the workflow. */
  KeyHistory history(String workflow, String dedupKey, Instant rateWindowStart);

  /**
   * Stores a new run. At most one active run per workflow and dedup key is enforced by a unique
   * constraint, so two replicas cannot both create one.
   *
   * @throws dev.remedy.alert.ConcurrentIngestException when another transaction created the active
   *     run for the same key at the same moment; the caller's transaction is void and may be re-run
   */
  void create(Run run);

  /**
   * Records why an alert did not start a run, or what a guard did to a run: in the caller's
   * transaction when there is one, else in one of its own.
   */
  void record(GuardDecision decision);

  /** Active runs started by an alert (any workflow). */
  List<Run> activeRunsOf(Fingerprint alert);

  /**
   * Marks that the run's alert is resolved and, when {@code cancel}, asks for the run to be
   * cancelled; either way the run is due at once so the engine sees it.
   *
   * @param requestedBy the receiver of the delivery when the resolution stops the run ({@code
   *     onResolved} cancel or complete): a {@code run.cancel-requested} event by it is appended if
   *     the run was still active; empty when the run goes on (ignore, or a waitForResolved step the
   *     resolution completes)
   */
  void alertResolved(String runId, boolean cancel, String note, Optional<Actor> requestedBy);

  // ------------------------------------------------------------------ engine (own transactions)

  /**
   * Takes up to {@code limit} runs that are due at {@code now} (active, wake-up time passed, lease
   * free or expired), preferring the {@code hinted} ids, and leases them to {@code lease}.
   *
   * <p>Appends a {@code run.claimed} event for each run taken that was queued or whose lease had
   * expired.
   *
   * @return the runs now held under {@code lease}, each as stored when it was taken (loaded in the
   *     same transaction, so that a worker starts without reading its run again)
   */
  List<RunHistory> claim(Lease lease, Instant now, int limit, Collection<String> hinted);

  /** A run as stored, with all its attempts. */
  Optional<RunHistory> load(String runId);

  /**
   * Stores a new (or resumed) attempt as started and the run's new state, together with the
   * outcomes of earlier attempts not stored yet ({@code settled}); the lease is renewed to {@code
   * renewed}. Answers as {@link #save}; {@code events} are appended when it stores.
   *
   * @param attemptStored whether {@code attempt} is stored already (a resumed attempt); a new one
   *     is inserted without looking for it first
   */
  Saved start(
      Run run,
      List<StepExecution> settled,
      StepExecution attempt,
      boolean attemptStored,
      Lease held,
      Lease renewed,
      List<AuditEvent> events);

  /**
   * Stores what a step records for its revert, before the step writes, in a transaction of its own.
   */
  boolean checkpoint(StepExecution attempt, Lease held);

  /**
   * Stores the outcome of an attempt (or of several) and the run's next state. With {@code release}
   * the lease is given up (the run waits or is finished).
   *
   * @return {@link Saved#SAVED} when stored and nobody else changed the run since it was loaded
   *     (the caller may go on from its own copy), {@link Saved#SAVED_FLAGS_CHANGED} when stored but
   *     the run was cancelled or its alert resolved meanwhile (load it again; an active run is made
   *     due at once), {@link Saved#LEASE_LOST} when nothing was stored (nor {@code events}
   *     appended)
   * @param events what the change means for the audit log (step outcomes, the requests the steps
   *     sent to the cluster, the run's end): appended in the same transaction when it stores
   */
  Saved save(
      Run run, List<StepExecution> attempts, Lease held, boolean release, List<AuditEvent> events);

  /** What {@link #save} came to. */
  enum Saved {
    SAVED,
    SAVED_FLAGS_CHANGED,
    LEASE_LOST;

    public boolean stored() {
      return this != LEASE_LOST;
    }
  }

  /** Gives up a lease without changing the run. */
  void release(String runId, Lease held);

  /**
   * Non-dry-run attempts of mutating steps started since {@code since} (the action budget), counted
   * up to {@code atMost}: the answer is never larger, so the cost stays bounded by the budget.
   */
  int mutatingAttemptsSince(Instant since, int atMost);

  /** Approvals and rejections recorded for an approval step of a run. */
  List<Vote> votes(String runId, String stepId);

  /**
   * Asks an active run to be cancelled: flagged and due at once; the worker ends it at its next
   * boundary. Appends a {@code run.cancel-requested} event by {@code by} when it does.
   *
   * @return false when the run does not exist or is no longer active
   */
  boolean requestCancel(String runId, Actor by, String note);

  /** Makes runs parked by a guard due at once (after the automation switch is turned back on). */
  int wakeParked(Instant now);

  /** A decision on an approval step. */
  record Vote(String approver, boolean approve, Instant at, String comment) {}

  /**
   * @param runsSince runs created for the key since the start of the rate window
   * @param lastEnded when the latest finished run for the key ended
   * @param activeInWorkflow active runs of the workflow, all keys
   */
  record KeyHistory(int runsSince, Optional<Instant> lastEnded, int activeInWorkflow) {}
}
