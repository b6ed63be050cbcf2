package dev.remedy.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One kind of event in the audit log, one record each. Every event names its {@link #type()}, its
 * {@link #actor()}, the run it concerns where there is one and the workflow version where there is
 * one; {@link #details()} holds the rest. The time is the append time ({@link AuditLog}).
 *
 * <p>Details hold only strings, integers, booleans, lists and maps of them: the values {@link
 * CanonicalJson} can write. They pass through {@link Redaction} before they are recorded.
 */
public sealed interface AuditEvent {

  /** The event's type as stored and exported, e.g. {@code run.created}. */
  String type();

  default Actor actor() {
    return Actor.SYSTEM;
  }

  default Optional<String> runId() {
    return Optional.empty();
  }

  default Optional<WorkflowVersion> workflow() {
    return Optional.empty();
  }

  /** The event-specific fields, in no particular order (the canonical form sorts them). */
  Map<String, Object> details();

  /** An event about one run, which executes one workflow version. */
  sealed interface OfRun extends AuditEvent {
    String run();

    WorkflowVersion version();

    @Override
    default Optional<String> runId() {
      return Optional.of(run());
    }

    @Override
    default Optional<WorkflowVersion> workflow() {
      return Optional.of(version());
    }
  }

  // ------------------------------------------------------------------ ingest

  /**
   * Written by ingest when a delivery is taken in for the first time (a re-delivery changes nothing
   * and writes nothing).
   */
  record NotificationReceived(
      long notificationId,
      String receiver,
      String groupKey,
      String status,
      int alerts,
      int truncatedAlerts)
      implements AuditEvent {
    @Override
    public String type() {
      return "notification.received";
    }

    @Override
    public Actor actor() {
      return Actor.alertmanager(receiver);
    }

    @Override
    public Map<String, Object> details() {
      return fields(
          "notificationId", notificationId,
          "receiver", receiver,
          "groupKey", groupKey,
          "status", status,
          "alerts", alerts,
          "truncatedAlerts", truncatedAlerts);
    }
  }

  /**
   * Written by ingest with {@link NotificationReceived}: the alert states (fingerprint, status,
   * start) the delivery stored that were not stored before, one entry each. One event per delivery
   * rather than per alert: a delivery of hundreds of alerts is one decision, and an event per alert
   * doubled the rows ingest writes.
   */
  record AlertStored(long notificationId, String receiver, List<StoredState> states)
      implements AuditEvent {
    public AlertStored {
      states = List.copyOf(states);
    }

    /** One alert state as recorded. */
    public record StoredState(
        String fingerprint, String status, String alertname, Instant startsAt) {}

    @Override
    public String type() {
      return "alert.stored";
    }

    @Override
    public Actor actor() {
      return Actor.alertmanager(receiver);
    }

    @Override
    public Map<String, Object> details() {
      List<Map<String, Object>> alerts = new java.util.ArrayList<>(states.size());
      for (StoredState state : states) {
        alerts.add(
            fields(
                "fingerprint", state.fingerprint(),
                "status", state.status(),
                "alertname", state.alertname(),
                "startsAt", state.startsAt()));
      }
      return fields("notificationId", notificationId, "alerts", alerts);
    }
  }

  /**
   * Written by a simulation (never by ingest, where the run, duplicate or suppression says it):
   * which workflows matched a simulated alert.
   */
  record WorkflowsMatched(
      Actor actor, String fingerprint, List<String> matched, List<String> notMatched)
      implements AuditEvent {
    public WorkflowsMatched {
      matched = List.copyOf(matched);
      notMatched = List.copyOf(notMatched);
    }

    @Override
    public String type() {
      return "workflow.matched";
    }

    @Override
    public Map<String, Object> details() {
      return fields("fingerprint", fingerprint, "matched", matched, "notMatched", notMatched);
    }
  }

  // ------------------------------------------------------------------ runs from alerts

  /** Written by ingest when a firing alert × matching workflow created a run. */
  record RunCreated(
      String run, WorkflowVersion version, String dedupKey, String fingerprint, String status)
      implements OfRun {
    @Override
    public String type() {
      return "run.created";
    }

    @Override
    public Map<String, Object> details() {
      return fields("dedupKey", dedupKey, "fingerprint", fingerprint, "status", status);
    }
  }

  /** Written by ingest when an active run already had the workflow and dedup key. */
  record RunDuplicate(String run, WorkflowVersion version, String dedupKey, String fingerprint)
      implements OfRun {
    @Override
    public String type() {
      return "run.duplicate";
    }

    @Override
    public Map<String, Object> details() {
      return fields("dedupKey", dedupKey, "fingerprint", fingerprint);
    }
  }

  /** Written by ingest when a guard refused to start a run; {@code guard} names it. */
  record RunSuppressed(
      WorkflowVersion version, String dedupKey, String fingerprint, String guard, String detail)
      implements AuditEvent {
    @Override
    public String type() {
      return "run.suppressed";
    }

    @Override
    public Optional<WorkflowVersion> workflow() {
      return Optional.of(version);
    }

    @Override
    public Map<String, Object> details() {
      return fields(
          "dedupKey", dedupKey, "fingerprint", fingerprint, "guard", guard, "detail", detail);
    }
  }

  /**
   * Written when something outside the engine asks a run to stop: its alert resolved ({@code
   * onResolved} cancel or complete; actor the receiver) or an operator cancelled it (actor the
   * user).
   */
  record RunCancelRequested(Actor actor, String run, WorkflowVersion version, String note)
      implements OfRun {
    @Override
    public String type() {
      return "run.cancel-requested";
    }

    @Override
    public Map<String, Object> details() {
      return fields("note", note);
    }
  }

  // ------------------------------------------------------------------ engine

  /** Written when an engine worker takes a run under a lease. */
  record RunClaimed(String run, WorkflowVersion version, String owner, Instant leaseUntil)
      implements OfRun {
    @Override
    public String type() {
      return "run.claimed";
    }

    @Override
    public Map<String, Object> details() {
      return fields("owner", owner, "leaseUntil", leaseUntil);
    }
  }

  /** Written with the attempt, before its effect: a step (or its revert) starts an attempt. */
  record StepStarted(
      String run,
      WorkflowVersion version,
      String step,
      String phase,
      int attempt,
      String action,
      boolean dryRun)
      implements OfRun {
    @Override
    public String type() {
      return "step.started";
    }

    @Override
    public Map<String, Object> details() {
      return fields(
          "step", step, "phase", phase, "attempt", attempt, "action", action, "dryRun", dryRun);
    }
  }

  /** Written with the outcome of an attempt that succeeded (or was skipped by its condition). */
  record StepSucceeded(
      String run,
      WorkflowVersion version,
      String step,
      String phase,
      int attempt,
      String status,
      String summary)
      implements OfRun {
    @Override
    public String type() {
      return "step.succeeded";
    }

    @Override
    public Map<String, Object> details() {
      return fields(
          "step", step, "phase", phase, "attempt", attempt, "status", status, "summary", summary);
    }
  }

  /** Written with the outcome of an attempt that failed: why, and whether it will be retried. */
  record StepFailed(
      String run,
      WorkflowVersion version,
      String step,
      String phase,
      int attempt,
      String reason,
      boolean retryable,
      String message)
      implements OfRun {
    @Override
    public String type() {
      return "step.failed";
    }

    @Override
    public Map<String, Object> details() {
      return fields(
          "step",
          step,
          "phase",
          phase,
          "attempt",
          attempt,
          "reason",
          reason,
          "retryable",
          retryable,
          "message",
          message);
    }
  }

  /**
   * Written with the outcome of an attempt, one per write it sent to the Kubernetes API: what it
   * changed, from which resourceVersion to which.
   */
  record KubernetesRequest(
      String run,
      WorkflowVersion version,
      String step,
      int attempt,
      String verb,
      String kind,
      String namespace,
      String name,
      String resourceVersionBefore,
      String resourceVersionAfter,
      boolean dryRun)
      implements OfRun {
    @Override
    public String type() {
      return "kubernetes.request";
    }

    @Override
    public Map<String, Object> details() {
      return fields(
          "step", step,
          "attempt", attempt,
          "verb", verb,
          "kind", kind,
          "namespace", namespace,
          "name", name,
          "resourceVersionBefore", resourceVersionBefore,
          "resourceVersionAfter", resourceVersionAfter,
          "dryRun", dryRun);
    }
  }

  /** Written with the run's final state: succeeded, failed, cancelled or expired, and why. */
  record RunFinished(String run, WorkflowVersion version, String status, String reason)
      implements OfRun {
    @Override
    public String type() {
      return "run.finished";
    }

    @Override
    public Map<String, Object> details() {
      return fields("status", status, "reason", reason);
    }
  }

  /** Written when a guard holds a running run back before a mutating step. */
  record RunParked(String run, WorkflowVersion version, String step, String guard, String detail)
      implements OfRun {
    @Override
    public String type() {
      return "run.parked";
    }

    @Override
    public Map<String, Object> details() {
      return fields("step", step, "guard", guard, "detail", detail);
    }
  }

  // ------------------------------------------------------------------ approvals

  /** Written when an approval step opens its approval: the plan people are asked to approve. */
  record ApprovalRequested(
      String run,
      WorkflowVersion version,
      String step,
      String approval,
      String planDigest,
      List<String> approvers,
      int quorum,
      Instant deadline)
      implements OfRun {
    public ApprovalRequested {
      approvers = List.copyOf(approvers);
    }

    @Override
    public String type() {
      return "approval.requested";
    }

    @Override
    public Map<String, Object> details() {
      return fields(
          "step", step,
          "approval", approval,
          "planDigest", planDigest,
          "approvers", approvers,
          "quorum", quorum,
          "deadline", deadline);
    }
  }

  /**
   * Written for every decision counted on an approval: who (Slack user id or API principal), by
   * which channel, with which request id, approve or reject, and what it settled.
   */
  record ApprovalDecided(
      Actor actor,
      String run,
      WorkflowVersion version,
      String step,
      String approval,
      boolean approve,
      String via,
      String requestId,
      String outcome)
      implements OfRun {
    @Override
    public String type() {
      return "approval.decision";
    }

    @Override
    public Map<String, Object> details() {
      return fields(
          "step", step,
          "approval", approval,
          "approve", approve,
          "via", via,
          "requestId", requestId,
          "outcome", outcome);
    }
  }

  /**
   * Written for every decision refused on an existing approval (not an approver, already voted,
   * already decided, expired, own run): who tried, by which channel and request, and why not. An
   * unknown approval id is not recorded (it names no run).
   */
  record ApprovalRefused(
      Actor actor,
      String run,
      WorkflowVersion version,
      String step,
      String approval,
      boolean approve,
      String via,
      String requestId,
      String refusal,
      String message)
      implements OfRun {
    @Override
    public String type() {
      return "approval.refused";
    }

    @Override
    public Map<String, Object> details() {
      return fields(
          "step", step,
          "approval", approval,
          "approve", approve,
          "via", via,
          "requestId", requestId,
          "refusal", refusal,
          "message", message);
    }
  }

  /**
   * Written when an approval reaches its deadline without a decision; {@code outcome} is {@code
   * expired}, or {@code approved} for a step with {@code onTimeout: approve}.
   */
  record ApprovalExpired(
      String run, WorkflowVersion version, String step, String approval, String outcome)
      implements OfRun {
    @Override
    public String type() {
      return "approval.expired";
    }

    @Override
    public Map<String, Object> details() {
      return fields("step", step, "approval", approval, "outcome", outcome);
    }
  }

  // ------------------------------------------------------------------ configuration

  /** Written when a workflow file is loaded and serves a new version. */
  record CatalogLoaded(String file, WorkflowVersion version) implements AuditEvent {
    @Override
    public String type() {
      return "catalog.loaded";
    }

    @Override
    public Optional<WorkflowVersion> workflow() {
      return Optional.of(version);
    }

    @Override
    public Map<String, Object> details() {
      return fields("file", file);
    }
  }

  /** Written when a workflow file (a new version of it) is rejected: its errors at file:line. */
  record CatalogRejected(String file, String fileDigest, List<String> errors)
      implements AuditEvent {
    public CatalogRejected {
      errors = List.copyOf(errors);
    }

    @Override
    public String type() {
      return "catalog.rejected";
    }

    @Override
    public Map<String, Object> details() {
      return fields("file", file, "fileDigest", fileDigest, "errors", errors);
    }
  }

  /**
   * Written when a workflow file is gone from the directory at a reload: {@code lastVersion} is the
   * version it served until then (its last good one if the file was invalid), null when it never
   * had a valid one.
   */
  record CatalogRemoved(String file, WorkflowVersion lastVersion) implements AuditEvent {
    @Override
    public String type() {
      return "catalog.removed";
    }

    @Override
    public Optional<WorkflowVersion> workflow() {
      return Optional.ofNullable(lastVersion);
    }

    @Override
    public Map<String, Object> details() {
      return fields("file", file);
    }
  }

  /**
   * Written when someone sets automation or global dry-run (an operator through the API, or the
   * start-up configuration forcing the safe position): the position before and after.
   */
  record AutomationChanged(
      Actor actor,
      boolean enabled,
      boolean dryRun,
      boolean wasEnabled,
      boolean wasDryRun,
      String reason)
      implements AuditEvent {
    @Override
    public String type() {
      return "automation.changed";
    }

    @Override
    public Map<String, Object> details() {
      return fields(
          "enabled", enabled,
          "dryRun", dryRun,
          "wasEnabled", wasEnabled,
          "wasDryRun", wasDryRun,
          "reason", reason);
    }
  }

  /**
   * Written at start-up when the global guard settings differ from the last ones recorded (and the
   * first time).
   */
  record GuardsConfigured(Map<String, String> settings) implements AuditEvent {
    public GuardsConfigured {
      settings = Map.copyOf(settings);
    }

    @Override
    public String type() {
      return "guards.configured";
    }

    @Override
    public Map<String, Object> details() {
      return new LinkedHashMap<>(settings);
    }
  }

  /**
   * Written when old events were archived and removed: the archive and the last removed event, so
   * the chain goes on verifiably from the checkpoint.
   */
  record AuditPruned(long throughSeq, String throughHash, String archive, long events)
      implements AuditEvent {
    @Override
    public String type() {
      return "audit.pruned";
    }

    @Override
    public Map<String, Object> details() {
      return fields(
          "throughSeq",
          throughSeq,
          "throughHash",
          throughHash,
          "archive",
          archive,
          "events",
          events);
    }
  }

  /** Fields from name/value pairs; a null value is kept (written as JSON null). */
  private static Map<String, Object> fields(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) Objects.requireNonNull(pairs[i]), pairs[i + 1]);
    }
    return map;
  }
}
