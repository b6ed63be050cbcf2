package dev.remedy.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.alert.Alert;
import dev.remedy.alert.AlertStatus;
import dev.remedy.alert.Fingerprint;
import dev.remedy.alert.LabelSet;
import dev.remedy.workflow.spec.WorkflowFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Plans of the example workflow from workflow-format.md for real-looking alerts. */
class RunPlannerTest {

  private static Workflow restartExample() throws IOException {
    Path file = Path.of("workflows/restart-crashlooping-deployment.yaml");
    LoadResult result = WorkflowFiles.loadOne(file.toString(), Files.readAllBytes(file));
    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
    return ((LoadResult.Loaded) result).workflow();
  }

  private static Alert alert(Map<String, String> labels) {
    return new Alert(
        new Fingerprint("5ef77f1f8aaf4b6c"),
        AlertStatus.FIRING,
        LabelSet.of(labels),
        LabelSet.EMPTY,
        Instant.parse("2026-11-27T09:58:00Z"),
        Optional.empty(),
        "");
  }

  @Test
  void rendersParamsDedupKeyAndEveryStep() throws IOException {
    PlanOutcome outcome =
        RunPlanner.plan(
            restartExample(),
            alert(
                Map.of(
                    "alertname", "KubePodCrashLooping", "namespace", "shop", "deployment", "api")));

    assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
    RunPlan plan = ((PlanOutcome.Planned) outcome).plan();
    assertThat(plan.params())
        .containsExactly(Map.entry("namespace", "shop"), Map.entry("deployment", "api"));
    assertThat(plan.dedupKey()).isEqualTo("shop/api");
    assertThat(plan.steps())
        .extracting(PlannedStep::kind)
        .containsExactly("approval", "restart", "waitForRollout");
    assertThat(plan.steps().get(0).details()).containsEntry("message", "Restart api in shop?");
    assertThat(plan.steps().get(1).details())
        .containsEntry("target", Map.of("kind", "Deployment", "namespace", "shop", "name", "api"));
    assertThat(plan.onFailure().getFirst().details())
        .containsEntry("text", "Restart of api failed: <run.failure>");
  }

  @Test
  void aMissingLabelRefusesTheRunNamingWorkflowFieldAndVariable() throws IOException {
    PlanOutcome outcome =
        RunPlanner.plan(
            restartExample(),
            alert(Map.of("alertname", "KubePodCrashLooping", "namespace", "shop")));

    assertThat(outcome)
        .hasToString(
            "workflow restart-crashlooping-deployment, spec.params.deployment: variable"
                + " labels.deployment has no value");
  }

  @Test
  void aLabelThatFailsItsPatternRefusesTheRun() throws IOException {
    PlanOutcome outcome =
        RunPlanner.plan(
            restartExample(),
            alert(
                Map.of(
                    "alertname",
                    "KubePodCrashLooping",
                    "namespace",
                    "shop",
                    "deployment",
                    "api; rm -rf /")));

    assertThat(outcome)
        .hasToString(
            "workflow restart-crashlooping-deployment, spec.params.deployment: value \"api; rm -rf"
                + " /\" does not match pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  }
}
