package dev.remedy.run;

import dev.remedy.alert.Alert;
import dev.remedy.alert.AlertStatus;
import dev.remedy.alert.Notification;
import dev.remedy.audit.Actor;
import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
import dev.remedy.audit.WorkflowVersion;
import dev.remedy.guard.AutomationSwitch;
import dev.remedy.guard.GuardDecision;
import dev.remedy.guard.GuardPolicy;
import dev.remedy.workflow.CatalogSource;
import dev.remedy.workflow.Guards;
import dev.remedy.workflow.OnResolved;
import dev.remedy.workflow.PlanOutcome;
import dev.remedy.workflow.RunPlanner;
import dev.remedy.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns the alerts of a notification into runs, inside the ingest transaction: every firing alert ×
 * matching workflow becomes a queued run, a duplicate (an active run has the same workflow and
 * dedup key) or a suppression (a guard said no), each recorded. A resolved alert applies each
 * active run's {@code onResolved}.
 */
@jakarta.enterprise.context.ApplicationScoped
public class RunCreator {

  private final RunStore store;
  private final CatalogSource catalog;
  private final WorkflowVersions versions;
  private final EngineObserver observer;
  private final AuditLog audit;

  public RunCreator(
      RunStore store,
      CatalogSource catalog,
      WorkflowVersions versions,
      EngineObserver observer,
      AuditLog audit) {
    this.store = store;
    this.catalog = catalog;
    this.versions = versions;
    this.observer = observer;
    this.audit = audit;
  }

  /** A run a notification created. */
  public record CreatedRun(String id, String workflow, RunStatus status) {}

  /**
   * What a notification did to runs.
   *
   * @param due runs the engine should look at now (created, or whose alert resolved)
   */
  public record Outcome(List<CreatedRun> runs, int duplicates, int suppressed, List<String> due) {

    public static final Outcome NONE = new Outcome(List.of(), 0, 0, List.of());

    public Outcome {
      runs = List.copyOf(runs);
      due = List.copyOf(due);
    }
  }

  /** Applies one notification; {@code automation} is the switch as read for this transaction. */
  public Outcome apply(Notification notification, AutomationSwitch automation, Instant now) {
    List<CreatedRun> runs = new ArrayList<>();
    List<String> due = new ArrayList<>();
    int duplicates = 0;
    int suppressed = 0;
    for (Alert alert : notification.alerts()) {
      if (alert.status() == AlertStatus.RESOLVED) {
        due.addAll(resolved(alert, Actor.alertmanager(notification.receiver())));
        continue;
      }
      for (Workflow workflow : catalog.current().matching(alert.labels())) {
        switch (decide(workflow, alert, automation, now)) {
          case Decision.Created c -> {
            runs.add(c.run());
            if (c.run().status().active()) {
              due.add(c.run().id());
            }
          }
          case Decision.Duplicate d -> duplicates++;
          case Decision.Suppressed s -> suppressed++;
        }
      }
    }
    return new Outcome(runs, duplicates, suppressed, due);
  }

  private sealed interface Decision {
    record Created(CreatedRun run) implements Decision {}

    record Duplicate() implements Decision {}

    record Suppressed() implements Decision {}
  }

  private Decision decide(
      Workflow workflow, Alert alert, AutomationSwitch automation, Instant now) {
    String fingerprint = alert.fingerprint().value();
    String digest = workflow.source().digest();
    WorkflowVersion version = new WorkflowVersion(workflow.name(), digest);
    switch (RunPlanner.plan(workflow, alert)) {
      case PlanOutcome.Refused refused -> {
        versions.remember(workflow);
        Run run =
            Run.refused(
                newId(),
                workflow.name(),
                digest,
                fingerprint,
                alert,
                StepFailure.permanent(
                    FailureReason.TEMPLATE, refused.field() + ": " + refused.message()),
                now);
        store.create(run);
        audit.append(
            new AuditEvent.RunCreated(
                run.id(), version, run.dedupKey(), fingerprint, run.status().wireName()));
        audit.append(
            new AuditEvent.RunFinished(
                run.id(),
                version,
                run.status().wireName(),
                FailureReason.TEMPLATE.wireName() + ": " + refused.field()));
        observer.runCreated(workflow.name());
        observer.runFinished(workflow.name(), RunStatus.FAILED, java.time.Duration.ZERO, null);
        return new Decision.Created(new CreatedRun(run.id(), run.workflow(), run.status()));
      }
      case PlanOutcome.Planned planned -> {
        String key = planned.plan().dedupKey();
        Optional<String> active = store.activeRunId(workflow.name(), key);
        if (active.isPresent()) {
          store.record(
              new GuardDecision(
                  workflow.name(),
                  key,
                  fingerprint,
                  active,
                  GuardDecision.Outcome.DUPLICATE,
                  Optional.empty(),
                  "run " + active.get() + " is active for this key",
                  now));
          audit.append(new AuditEvent.RunDuplicate(active.get(), version, key, fingerprint));
          return new Decision.Duplicate();
        }
        Optional<GuardPolicy.Refusal> refusal = admit(workflow, key, automation, now);
        if (refusal.isPresent()) {
          GuardDecision suppression =
              new GuardDecision(
                  workflow.name(),
                  key,
                  fingerprint,
                  Optional.empty(),
                  GuardDecision.Outcome.SUPPRESSED,
                  Optional.of(refusal.get().guard()),
                  refusal.get().detail(),
                  now);
          store.record(suppression);
          audit.append(
              new AuditEvent.RunSuppressed(
                  version,
                  key,
                  fingerprint,
                  refusal.get().guard().wireName(),
                  refusal.get().detail()));
          observer.guardApplied(refusal.get().guard().wireName());
          observer.runSuppressed(suppression);
          return new Decision.Suppressed();
        }
        versions.remember(workflow);
        Run run =
            Run.queued(
                newId(),
                workflow.name(),
                digest,
                key,
                alert,
                planned.plan().params(),
                workflow.guards().dryRun(),
                now);
        store.create(run);
        audit.append(
            new AuditEvent.RunCreated(
                run.id(), version, key, fingerprint, run.status().wireName()));
        observer.runCreated(workflow.name());
        return new Decision.Created(new CreatedRun(run.id(), run.workflow(), run.status()));
      }
    }
  }

  private Optional<GuardPolicy.Refusal> admit(
      Workflow workflow, String key, AutomationSwitch automation, Instant now) {
    Guards guards = workflow.guards();
    boolean counted =
        guards.cooldown().isPresent()
            || guards.rateLimit().isPresent()
            || guards.maxConcurrentRuns().isPresent();
    if (!counted) {
      return GuardPolicy.admit(guards, automation, 0, Optional.empty(), 0, now);
    }
    Instant windowStart = guards.rateLimit().map(r -> now.minus(r.per())).orElse(now);
    RunStore.KeyHistory history = store.history(workflow.name(), key, windowStart);
    return GuardPolicy.admit(
        guards,
        automation,
        history.runsSince(),
        history.lastEnded(),
        history.activeInWorkflow(),
        now);
  }

  /**
   * Applies onResolved to the alert's active runs; answers the runs that became due. A cancel or
   * complete is recorded as asked by the receiver that delivered the resolution.
   */
  private List<String> resolved(Alert alert, Actor receiver) {
    List<String> due = new ArrayList<>();
    for (Run run : store.activeRunsOf(alert.fingerprint())) {
      Optional<Workflow> workflow = versions.find(run.workflow(), run.workflowDigest());
      OnResolved policy = workflow.map(Workflow::onResolved).orElse(OnResolved.CANCEL);
      // A run waiting for exactly this (waitForResolved) goes on: the wait is what completes.
      boolean awaited = workflow.map(w -> waitsForResolution(w, run)).orElse(false);
      boolean stops = policy != OnResolved.IGNORE && !awaited;
      store.alertResolved(
          run.id(),
          policy == OnResolved.CANCEL && !awaited,
          "alert resolved (onResolved: " + policy.name().toLowerCase(java.util.Locale.ROOT) + ")",
          stops ? Optional.of(receiver) : Optional.empty());
      due.add(run.id());
    }
    return due;
  }

  private static boolean waitsForResolution(Workflow workflow, Run run) {
    List<dev.remedy.workflow.Step> steps =
        run.phase() == Phase.STEPS ? workflow.steps() : workflow.onFailure();
    return run.stepIndex() < steps.size()
        && steps.get(run.stepIndex()) instanceof dev.remedy.workflow.Step.WaitForResolved;
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
