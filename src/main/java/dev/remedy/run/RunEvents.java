package dev.remedy.run;

import dev.remedy.audit.Actor;
import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.WorkflowVersion;
import dev.remedy.cluster.ClusterRequest;
import dev.remedy.guard.GuardPolicy;
import java.util.List;
import java.util.Optional;

/**
 * The audit events of the engine, made from the run and attempt data they describe. The worker
 * hands them to {@link RunStore#start} and {@link RunStore#save} with the change, the store adapter
 * makes the claim and cancel ones itself; either way they are appended in the transaction that
 * stores the change, and vanish with it when that transaction stores nothing (a lost lease).
 */
public final class RunEvents {

  private RunEvents() {}

  public static WorkflowVersion version(Run run) {
    return new WorkflowVersion(run.workflow(), run.workflowDigest());
  }

  /** A worker took the run under {@code lease}. */
  /**
   * Whether a claim is recorded: the first one (the run was queued) and a takeover (another
   * worker's lease had expired: a crash or a stuck call). A claim that resumes a run after its own
   * wait (rollout poll, approval recheck, retry backoff, park) changes nothing a reader of the log
   * needs, and would repeat every few seconds while the run waits.
   */
  public static boolean claimWorthRecording(RunStatus before, boolean leaseHeldBefore) {
    return before == RunStatus.QUEUED || leaseHeldBefore;
  }

  public static AuditEvent claimed(String runId, WorkflowVersion version, Lease lease) {
    return new AuditEvent.RunClaimed(runId, version, lease.owner(), lease.until());
  }

  /** Someone outside the engine asked the run to stop (an operator, a resolved alert). */
  public static AuditEvent cancelRequested(
      Actor by, String runId, WorkflowVersion version, String note) {
    return new AuditEvent.RunCancelRequested(by, runId, version, note);
  }

  /** An attempt is stored as started, before its effect. */
  public static AuditEvent started(Run run, StepExecution attempt) {
    return new AuditEvent.StepStarted(
        run.id(),
        version(run),
        attempt.stepId(),
        phase(attempt.phase()),
        attempt.attempt(),
        attempt.action(),
        attempt.dryRun());
  }

  /**
   * The outcome of a settled attempt: succeeded or skipped ({@code summary} says what it did, or
   * why it was skipped), or failed (reason, retryable, message). None for an attempt still open or
   * cancelled (the run's end says why).
   */
  public static Optional<AuditEvent> outcome(Run run, StepExecution attempt, String summary) {
    return switch (attempt.status()) {
      case SUCCEEDED, SKIPPED ->
          Optional.of(
              new AuditEvent.StepSucceeded(
                  run.id(),
                  version(run),
                  attempt.stepId(),
                  phase(attempt.phase()),
                  attempt.attempt(),
                  attempt.status().wireName(),
                  summary));
      case FAILED -> {
        StepFailure failure = attempt.failure().orElseThrow();
        yield Optional.of(
            new AuditEvent.StepFailed(
                run.id(),
                version(run),
                attempt.stepId(),
                phase(attempt.phase()),
                attempt.attempt(),
                failure.reason().wireName(),
                failure.retryable(),
                failure.message()));
      }
      default -> Optional.empty();
    };
  }

  /** The writes an attempt sent to the Kubernetes API, in the order it sent them. */
  public static List<AuditEvent> requests(
      Run run, StepExecution attempt, List<ClusterRequest> sent) {
    return sent.stream()
        .map(
            r ->
                (AuditEvent)
                    new AuditEvent.KubernetesRequest(
                        run.id(),
                        version(run),
                        attempt.stepId(),
                        attempt.attempt(),
                        r.verb(),
                        r.kind(),
                        r.namespace(),
                        r.name(),
                        r.resourceVersionBefore(),
                        r.resourceVersionAfter(),
                        r.dryRun()))
        .toList();
  }

  /** The run reached its end state; the reason is its end note. */
  public static AuditEvent finished(Run ended) {
    return new AuditEvent.RunFinished(
        ended.id(), version(ended), ended.status().wireName(), ended.endNote());
  }

  /** A guard holds the run back before the mutating step {@code step}. */
  public static AuditEvent parked(Run run, String step, GuardPolicy.Refusal refusal) {
    return new AuditEvent.RunParked(
        run.id(), version(run), step, refusal.guard().wireName(), refusal.detail());
  }

  private static String phase(Phase phase) {
    return phase == Phase.STEPS ? "steps" : "onFailure";
  }
}
