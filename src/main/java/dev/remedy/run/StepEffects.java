package dev.remedy.run;

import dev.remedy.approval.Approval;
import dev.remedy.approval.ApprovalStatus;
import dev.remedy.approval.ApprovalStore;
import dev.remedy.approval.Approvers;
import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.ClusterOperations;
import dev.remedy.cluster.ClusterOperations.RotationRequest;
import dev.remedy.cluster.ClusterOperations.ScaleRequest;
import dev.remedy.cluster.ClusterRequest;
import dev.remedy.cluster.Effect;
import dev.remedy.cluster.NamespacePolicy;
import dev.remedy.cluster.RolloutState;
import dev.remedy.cluster.WorkloadRef;
import dev.remedy.template.RunScope;
import dev.remedy.template.Template;
import dev.remedy.template.TemplateRenderException;
import dev.remedy.workflow.ActionType;
import dev.remedy.workflow.Step;
import dev.remedy.workflow.TargetRef;
import dev.remedy.workflow.Workflow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Executes one attempt of one step through the ports, or looks again at a wait. Renders the step's
 * templates against the run first; a template that cannot be rendered fails the step for good.
 */
public final class StepEffects {

  private final ClusterOperations cluster;
  private final OutboundHttp http;
  private final Notifier notifier;
  private final RunStore store;
  private final EngineSettings settings;
  private final NamespacePolicy namespaces;
  private final ApprovalStore approvals;
  private final Approvers approvers;
  private final GatedPlan plans;

  public StepEffects(
      ClusterOperations cluster,
      OutboundHttp http,
      Notifier notifier,
      RunStore store,
      ApprovalStore approvals,
      EngineSettings settings) {
    this(
        cluster,
        http,
        notifier,
        store,
        approvals,
        Approvers.none(),
        settings,
        NamespacePolicy.DEFAULT);
  }

  public StepEffects(
      ClusterOperations cluster,
      OutboundHttp http,
      Notifier notifier,
      RunStore store,
      ApprovalStore approvals,
      Approvers approvers,
      EngineSettings settings,
      NamespacePolicy namespaces) {
    this.namespaces = namespaces;
    this.approvals = approvals;
    this.approvers = approvers;
    this.plans = new GatedPlan(cluster);
    this.cluster = cluster;
    this.http = http;
    this.notifier = notifier;
    this.store = store;
    this.settings = settings;
  }

  /**
   * Everything one attempt needs to know; {@code sent} collects the writes the cluster accepted,
   * for the audit log.
   */
  public record Attempt(
      Workflow workflow,
      RunHistory history,
      StepExecution execution,
      RunScope scope,
      Instant now,
      Consumer<Map<String, String>> checkpoint,
      Consumer<ClusterRequest> sent) {

    Run run() {
      return history.run();
    }

    ActionCall call() {
      return new ActionCall(
          execution.key(), execution.dryRun(), execution.recorded(), checkpoint, sent);
    }
  }

  public StepOutcome execute(Step step, Attempt attempt) {
    try {
      return switch (step) {
        case Step.Approval approval -> approval(approval, attempt);
        case Step.Restart s ->
            done(
                cluster.restart(attempt.call(), ref(s.target(), attempt), restartedAt(s, attempt)));
        case Step.Scale s ->
            done(
                cluster.scale(
                    attempt.call(),
                    ref(s.target(), attempt),
                    new ScaleRequest(s.change(), s.min(), s.max(), s.adjustHpa())));
        case Step.ShiftTraffic s ->
            done(
                cluster.shiftTraffic(
                    attempt.call(), ref(s.target(), attempt), s.rule(), s.weights()));
        case Step.RotateSecret s ->
            done(
                cluster.rotateSecret(
                    attempt.call(), ref(s.target(), attempt), rotation(s, attempt)));
        case Step.WaitForRollout s -> rollout(s, attempt);
        case Step.WaitForResolved s ->
            attempt.run().alertResolved()
                ? StepOutcome.Done.of(Map.of(), "the alert is resolved")
                : new StepOutcome.Pending(
                    attempt.execution().deadline(), "waiting for the alert to resolve");
        case Step.Revert s -> revert(s, attempt);
        case Step.Http s -> http(s, attempt);
        case Step.Notify s ->
            StepOutcome.Done.of(
                Map.of(
                    "messageRef",
                    notifier.post(
                        attempt.execution().key(), render(s.text(), attempt), s.channel())),
                "message posted");
      };
    } catch (TemplateRenderException e) {
      return new StepOutcome.Failed(
          StepFailure.permanent(
              FailureReason.TEMPLATE, "step " + step.id() + ": " + e.getMessage()));
    } catch (StepFailedException e) {
      return new StepOutcome.Failed(e.failure());
    }
  }

  /** A restart writes one timestamp per step of a run: the start of its first attempt. */
  private static Instant restartedAt(Step step, Attempt attempt) {
    return attempt
        .history()
        .firstAttempt(step.id())
        .map(StepExecution::startedAt)
        .orElse(attempt.execution().startedAt())
        .truncatedTo(ChronoUnit.SECONDS);
  }

  private StepOutcome rollout(Step.WaitForRollout step, Attempt attempt)
      throws TemplateRenderException {
    RolloutState state = cluster.rollout(ref(step.target(), attempt));
    return switch (state) {
      case RolloutState.Complete c -> StepOutcome.Done.of(Map.of(), c.detail());
      case RolloutState.Progressing p ->
          new StepOutcome.Pending(attempt.now().plus(settings.pollInterval()), p.detail());
      case RolloutState.Stuck s ->
          new StepOutcome.Failed(StepFailure.permanent(FailureReason.ROLLOUT_STUCK, s.message()));
    };
  }

  private StepOutcome revert(Step.Revert step, Attempt attempt) throws TemplateRenderException {
    Optional<Step> reverted = attempt.workflow().step(step.step());
    Optional<StepExecution> done = attempt.history().succeeded(step.step());
    if (reverted.isEmpty() || done.isEmpty() || reverted.get().action().isEmpty()) {
      return StepOutcome.Done.of(
          Map.of(), "step " + step.step() + " made no change in this run: nothing to revert");
    }
    if (done.get().dryRun() && !attempt.execution().dryRun()) {
      return StepOutcome.Done.of(
          Map.of(), "step " + step.step() + " ran as a dry run: nothing to revert");
    }
    ActionType action = reverted.get().action().get();
    TargetRef target = targetOf(reverted.get());
    return done(
        cluster.revert(attempt.call(), action, ref(target, attempt), done.get().recorded()));
  }

  private static TargetRef targetOf(Step step) {
    return switch (step) {
      case Step.Restart s -> s.target();
      case Step.Scale s -> s.target();
      case Step.ShiftTraffic s -> s.target();
      case Step.RotateSecret s -> s.target();
      case Step.WaitForRollout s -> s.target();
      default ->
          throw new StepFailedException(
              StepFailure.permanent(
                  FailureReason.INVALID, "step " + step.id() + " has no target to revert"));
    };
  }

  private StepOutcome http(Step.Http step, Attempt attempt) throws TemplateRenderException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, Template> h : step.headers().entrySet()) {
      headers.put(h.getKey(), render(h.getValue(), attempt));
    }
    Optional<String> body =
        step.body().isPresent()
            ? Optional.of(render(step.body().get(), attempt))
            : Optional.empty();
    int status =
        http.call(
            attempt.execution().key(),
            step.method(),
            render(step.url(), attempt),
            headers,
            body,
            step.settings().timeout());
    if (step.expects(status)) {
      return StepOutcome.Done.of(Map.of("status", Integer.toString(status)), "HTTP " + status);
    }
    boolean retryable = status >= 500 || status == 429;
    return new StepOutcome.Failed(
        new StepFailure(
            FailureReason.UNEXPECTED_STATUS,
            retryable,
            "HTTP " + status + " from " + step.method() + " " + render(step.url(), attempt)));
  }

  /**
   * An approval step: opens its {@link Approval} on the first look (the plan of the gated steps and
   * its digest), then counts the votes the decision use case recorded. When the quorum is reached
   * the plan is read again: a different digest means the cluster is not what people approved, and
   * the gated steps do not run.
   */
  private StepOutcome approval(Step.Approval step, Attempt attempt) throws TemplateRenderException {
    Run run = attempt.run();
    Approval approval = approvals.forStep(run.id(), step.id()).orElse(null);
    if (approval == null) {
      Approval request = request(step, attempt);
      int reachable = approvers.reachable(request);
      if (reachable < step.quorum()) {
        return new StepOutcome.Failed(
            StepFailure.permanent(
                FailureReason.INVALID,
                "quorum "
                    + step.quorum()
                    + " cannot be reached: "
                    + String.join(", ", step.approvers())
                    + " name "
                    + reachable
                    + " people (groups from remedy.approvers.groups)"));
      }
      approval = approvals.open(request);
    }
    List<RunStore.Vote> votes = store.votes(run.id(), step.id());
    Optional<RunStore.Vote> rejection = votes.stream().filter(v -> !v.approve()).findFirst();
    if (rejection.isPresent()) {
      approvals.settle(run.id(), step.id(), ApprovalStatus.REJECTED, attempt.now());
      return new StepOutcome.Failed(
          StepFailure.permanent(
              FailureReason.APPROVAL_REJECTED,
              "rejected by "
                  + rejection.get().approver()
                  + (rejection.get().comment().isEmpty() ? "" : ": " + rejection.get().comment())));
    }
    List<String> approvers = votes.stream().map(RunStore.Vote::approver).distinct().toList();
    if (approvers.size() >= step.quorum()) {
      approvals.settle(run.id(), step.id(), ApprovalStatus.APPROVED, attempt.now());
      return approved(approval, attempt, String.join(",", approvers));
    }
    Instant deadline = attempt.execution().deadline();
    if (!attempt.now().isBefore(deadline)) {
      if (step.onTimeout() == Step.Approval.OnTimeout.APPROVE) {
        approvals.settle(run.id(), step.id(), ApprovalStatus.APPROVED, attempt.now());
        return approved(approval, attempt, "timeout");
      }
      approvals.settle(run.id(), step.id(), ApprovalStatus.EXPIRED, attempt.now());
      return new StepOutcome.Failed(
          StepFailure.permanent(
              FailureReason.APPROVAL_EXPIRED,
              "no decision within "
                  + step.timeout()
                  + " ("
                  + approvers.size()
                  + " of "
                  + step.quorum()
                  + " approvals)"));
    }
    // A vote wakes the run at once. One that lands while this worker counts is overwritten by the
    // wait stored next, so the wait also ends after parkRecheck: a vote is never lost until the
    // deadline, at worst seen that much later.
    Instant recheck = attempt.now().plus(settings.parkRecheck());
    return new StepOutcome.Pending(
        recheck.isBefore(deadline) ? recheck : deadline,
        approvers.size() + " of " + step.quorum() + " approvals");
  }

  private StepOutcome approved(Approval approval, Attempt attempt, String approvedBy) {
    GatedPlan.Rendered now = plans.render(attempt.workflow(), approval.stepId(), attempt.scope());
    if (!now.digest().equals(approval.planDigest())) {
      return new StepOutcome.Failed(
          StepFailure.permanent(
              FailureReason.PLAN_CHANGED,
              "the plan changed after it was put up for approval ("
                  + approval.planDigest()
                  + " approved, "
                  + now.digest()
                  + " now): "
                  + String.join("; ", now.lines())));
    }
    return StepOutcome.Done.of(
        Map.of("approvedBy", approvedBy, "planDigest", approval.planDigest()),
        "approved by " + approvedBy.replace(",", ", ") + " (plan " + approval.planDigest() + ")");
  }

  private Approval request(Step.Approval step, Attempt attempt) throws TemplateRenderException {
    GatedPlan.Rendered plan = plans.render(attempt.workflow(), step.id(), attempt.scope());
    return new Approval(
        UUID.randomUUID().toString(),
        attempt.run().id(),
        step.id(),
        attempt.workflow().name(),
        ApprovalStatus.PENDING,
        step.approvers(),
        step.quorum(),
        attempt.execution().deadline(),
        render(step.message(), attempt),
        plan.lines(),
        plan.digest(),
        "",
        "alertmanager",
        attempt.now(),
        Optional.empty(),
        Optional.empty());
  }

  private RotationRequest rotation(Step.RotateSecret step, Attempt attempt)
      throws TemplateRenderException {
    String namespace = ref(step.target(), attempt).namespace();
    List<WorkloadRef> consumers = new ArrayList<>();
    for (Step.RotateSecret.Consumer c : step.restart()) {
      consumers.add(new WorkloadRef(c.kind(), namespace, render(c.name(), attempt)));
    }
    return new RotationRequest(
        step.keys(), step.length(), step.alphabet(), step.keepPrevious(), consumers);
  }

  private static StepOutcome done(Effect effect) {
    return new StepOutcome.Done(effect.outputs(), effect.recorded(), effect.summary());
  }

  /** The rendered target, if its namespace is one workflows may touch. */
  private WorkloadRef ref(TargetRef target, Attempt attempt) throws TemplateRenderException {
    String namespace = render(target.namespace(), attempt);
    Optional<String> refusal = namespaces.refusal(namespace);
    if (refusal.isPresent()) {
      throw new StepFailedException(
          StepFailure.permanent(FailureReason.FORBIDDEN_NAMESPACE, refusal.get()));
    }
    return new WorkloadRef(target.kind(), namespace, render(target.name(), attempt));
  }

  private static String render(Template template, Attempt attempt) throws TemplateRenderException {
    return template.render(attempt.scope());
  }
}
