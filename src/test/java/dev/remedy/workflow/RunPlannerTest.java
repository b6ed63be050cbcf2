package dev.remedy.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.remedy.alert.Alert;
import dev.remedy.alert.AlertStatus;
import dev.remedy.alert.Fingerprint;
import dev.remedy.alert.LabelSet;
import dev.remedy.workflow.spec.WorkflowFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  /** A workflow whose one param reads the label {@code code} and must match {@code pattern}. */
  private static Workflow withParamPattern(String pattern) {
    String yaml =
        """
        apiVersion: remedy/v1
        kind: Workflow
        metadata:
          name: param-pattern
        spec:
          matchers:
            - alertname = X
          params:
            code: { value: "{{ labels.code }}", pattern: '%s' }
          steps:
            - id: restart
              action: restart
              target: { kind: Deployment, namespace: shop, name: web }
        """
            .formatted(pattern);
    LoadResult result =
        WorkflowFiles.loadOne("param-pattern.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
    return ((LoadResult.Loaded) result).workflow();
  }

  @Test
  void paramPatternsUseGoSyntaxLikeMatchers() {
    Workflow workflow = withParamPattern("5[[:digit:]]{2}");

    assertThat(RunPlanner.plan(workflow, alert(Map.of("alertname", "X", "code", "503"))))
        .isInstanceOf(PlanOutcome.Planned.class);
    assertThat(RunPlanner.plan(workflow, alert(Map.of("alertname", "X", "code", "5033"))))
        .hasToString(
            "workflow param-pattern, spec.params.code: value \"5033\" does not match pattern"
                + " 5[[:digit:]]{2}");
  }

  @Test
  void aParamPatternChecksAnAttackerControlledLabelInLinearTime() {
    Workflow workflow = withParamPattern("(a+)+");
    Alert alert = alert(Map.of("alertname", "X", "code", "a".repeat(50_000) + "!"));

    PlanOutcome outcome =
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> RunPlanner.plan(workflow, alert));

    assertThat(outcome).isNotInstanceOf(PlanOutcome.Planned.class);
  }
}
