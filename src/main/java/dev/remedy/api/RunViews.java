package dev.remedy.api;

import dev.remedy.guard.GuardDecision;
import dev.remedy.run.Run;
import dev.remedy.run.RunHistory;
import dev.remedy.run.StepExecution;
import dev.remedy.run.StepFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of runs in the operator API. */
public final class RunViews {

  private RunViews() {}

  /** One page; {@code nextCursor} is null on the last page. */
  public record RunList(List<RunSummary> items, String nextCursor) {}

  /** A run in a list. */
  public record RunSummary(
      String id,
      String workflow,
      String status,
      String dedupKey,
      String fingerprint,
      String alertname,
      String currentStep,
      boolean dryRun,
      String parkedBy,
      Instant createdAt,
      Instant finishedAt,
      FailureView failure,
      String endNote) {

    public static RunSummary of(Run run, String currentStep) {
      return new RunSummary(
          run.id(),
          run.workflow(),
          run.status().wireName(),
          run.dedupKey(),
          run.alert().fingerprint().value(),
          run.alert().labels().get("alertname"),
          currentStep,
          run.dryRun(),
          run.parkedBy().orElse(null),
          run.createdAt(),
          run.finishedAt().orElse(null),
          run.failure().map(FailureView::of).orElse(null),
          run.endNote());
    }
  }

  /** A run with everything about it. */
  public record RunDetail(
      String id,
      String workflow,
      String workflowVersion,
      String status,
      String phase,
      String dedupKey,
      AlertView alert,
      Map<String, String> params,
      Map<String, Map<String, String>> outputs,
      boolean dryRun,
      String parkedBy,
      Instant wakeAt,
      Instant createdAt,
      Instant startedAt,
      Instant finishedAt,
      FailureView failure,
      String endNote,
      List<AttemptView> steps,
      List<DecisionView> guardDecisions,
      List<ApprovalsResource.ApprovalView> approvals) {

    static RunDetail of(
        RunHistory history,
        List<GuardDecision> decisions,
        List<ApprovalsResource.ApprovalView> approvals) {
      Run run = history.run();
      return new RunDetail(
          run.id(),
          run.workflow(),
          run.workflowDigest(),
          run.status().wireName(),
          run.phase() == dev.remedy.run.Phase.STEPS ? "steps" : "onFailure",
          run.dedupKey(),
          AlertView.of(run),
          run.params(),
          run.outputs(),
          run.dryRun(),
          run.parkedBy().orElse(null),
          run.wakeAt().orElse(null),
          run.createdAt(),
          run.startedAt().orElse(null),
          run.finishedAt().orElse(null),
          run.failure().map(FailureView::of).orElse(null),
          run.endNote(),
          history.steps().stream().map(AttemptView::of).toList(),
          decisions.stream().map(DecisionView::of).toList(),
          approvals);
    }
  }

  /** The alert that started the run, as it was then. */
  public record AlertView(
      String fingerprint,
      Map<String, String> labels,
      Map<String, String> annotations,
      Instant startsAt,
      String generatorURL,
      boolean resolved) {
    static AlertView of(Run run) {
      return new AlertView(
          run.alert().fingerprint().value(),
          run.alert().labels().asMap(),
          run.alert().annotations().asMap(),
          run.alert().startsAt(),
          run.alert().generatorUrl(),
          run.alertResolved());
    }
  }

  /** One attempt of one step; {@code recorded} is what a revert of it would use. */
  public record AttemptView(
      String step,
      String phase,
      String action,
      int attempt,
      String status,
      Instant startedAt,
      Instant deadline,
      Instant finishedAt,
      Long durationMillis,
      Map<String, String> outputs,
      Map<String, String> recorded,
      boolean dryRun,
      FailureView failure) {
    static AttemptView of(StepExecution s) {
      return new AttemptView(
          s.stepId(),
          s.phase() == dev.remedy.run.Phase.STEPS ? "steps" : "onFailure",
          s.action(),
          s.attempt(),
          s.status().wireName(),
          s.startedAt(),
          s.deadline(),
          s.finishedAt().orElse(null),
          s.finishedAt().map(f -> Duration.between(s.startedAt(), f).toMillis()).orElse(null),
          s.outputs(),
          s.recorded(),
          s.dryRun(),
          s.failure().map(FailureView::of).orElse(null));
    }
  }

  public record FailureView(String reason, boolean retryable, String message) {
    static FailureView of(StepFailure f) {
      return new FailureView(f.reason().wireName(), f.retryable(), f.message());
    }
  }

  /** A duplicate, suppression or park. */
  public record DecisionView(
      String outcome,
      String guard,
      String workflow,
      String dedupKey,
      String fingerprint,
      String runId,
      String detail,
      Instant at) {
    static DecisionView of(GuardDecision d) {
      return new DecisionView(
          d.outcome().wireName(),
          d.guard().map(g -> g.wireName()).orElse(null),
          d.workflow(),
          d.dedupKey(),
          d.fingerprint(),
          d.runId().orElse(null),
          d.detail(),
          d.at());
    }
  }
}
