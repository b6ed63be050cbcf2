package dev.remedy.workflow.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.matching.MatchType;
import dev.remedy.workflow.Catalog;
import dev.remedy.workflow.Condition;
import dev.remedy.workflow.LoadResult;
import dev.remedy.workflow.OnResolved;
import dev.remedy.workflow.RetryPolicy;
import dev.remedy.workflow.ScaleChange;
import dev.remedy.workflow.Step;
import dev.remedy.workflow.TargetKind;
import dev.remedy.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The examples in {@code workflows/} load, and into the runtime model they describe. */
class WorkflowExamplesTest {

  private static List<Catalog.FileRead> reads;

  @BeforeAll
  static void readExamples() throws IOException {
    reads = WorkflowDirectory.read(Fixtures.EXAMPLES, "workflows");
  }

  private static Workflow workflow(String name) {
    return reads.stream()
        .filter(r -> r.file().equals("workflows/" + name + ".yaml"))
        .map(r -> ((LoadResult.Loaded) r.result()).workflow())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyExampleLoads() {
    assertThat(reads).hasSize(Fixtures.examples().size()).hasSizeGreaterThanOrEqualTo(6);
    for (Catalog.FileRead read : reads) {
      assertThat(read.result())
          .as(read.file() + " " + read.result())
          .isInstanceOf(LoadResult.Loaded.class);
    }
  }

  @Test
  void theReadmeListsEveryExample() throws IOException {
    String readme = Files.readString(Fixtures.EXAMPLES.resolve("README.md"));
    for (var example : Fixtures.examples()) {
      assertThat(readme).contains(example.getFileName().toString());
    }
  }

  @Test
  void theCompleteExampleOfTheFormatLoadsAsDocumented() throws IOException {
    Workflow w = workflow("restart-crashlooping-deployment");
    byte[] bytes =
        Files.readAllBytes(Fixtures.EXAMPLES.resolve("restart-crashlooping-deployment.yaml"));

    assertThat(w.description()).isEqualTo("Restart a Deployment whose pods crash-loop.");
    assertThat(w.source().file()).isEqualTo("workflows/restart-crashlooping-deployment.yaml");
    assertThat(w.source().digest())
        .isEqualTo(WorkflowFileLoader.digest(bytes))
        .matches("sha256:[0-9a-f]{64}");
    assertThat(w.matchers().all())
        .extracting(m -> m.name() + m.type().operator() + m.value())
        .containsExactly(
            "alertname=KubePodCrashLooping", "severity=~critical|warning", "namespace!~kube-.*");
    assertThat(w.onResolved()).isEqualTo(OnResolved.CANCEL);
    assertThat(w.dedupKey())
        .map(t -> t.source())
        .contains("{{ labels.namespace }}/{{ labels.deployment }}");
    assertThat(w.params()).extracting(p -> p.name()).containsExactly("namespace", "deployment");
    assertThat(w.params().getFirst().accepts("shop")).isTrue();
    assertThat(w.params().getFirst().accepts("Shop!")).isFalse();
    assertThat(w.guards().cooldown()).contains(Duration.ofMinutes(30));
    assertThat(w.guards().rateLimit()).map(r -> r.runs() + "/" + r.per()).contains("3/PT1H");
    assertThat(w.guards().maxConcurrentRuns()).isEqualTo(OptionalInt.of(5));
    assertThat(w.guards().dryRun()).isFalse();

    Step.Approval approve = (Step.Approval) w.steps().get(0);
    assertThat(approve.approvers()).containsExactly("U024BE7LH", "group:sre-oncall");
    assertThat(approve.quorum()).isEqualTo(1);
    assertThat(approve.timeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(approve.onTimeout()).isEqualTo(Step.Approval.OnTimeout.REJECT);
    assertThat(approve.message().source())
        .isEqualTo("Restart {{ params.deployment }} in {{ params.namespace }}?");

    Step.Restart restart = (Step.Restart) w.steps().get(1);
    assertThat(restart.target().kind()).isEqualTo(TargetKind.DEPLOYMENT);
    assertThat(restart.target().name().source()).isEqualTo("{{ params.deployment }}");
    assertThat(restart.settings().timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(restart.settings().retry())
        .isEqualTo(new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(1)));

    Step.WaitForRollout wait = (Step.WaitForRollout) w.steps().get(2);
    assertThat(wait.id()).isEqualTo("wait-ready");
    assertThat(wait.settings().timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(wait.settings().retry()).isEqualTo(RetryPolicy.NONE);

    Step.Notify tell = (Step.Notify) w.onFailure().getFirst();
    assertThat(tell.text().source())
        .isEqualTo("Restart of {{ params.deployment }} failed: {{ run.failure }}");
    assertThat(tell.channel()).isEmpty();
  }

  @Test
  void scaleByWithBoundsAndHpaAdjustment() {
    Workflow w = workflow("scale-up-on-high-latency");
    Step.Scale scale = (Step.Scale) w.steps().getFirst();
    assertThat(scale.change()).isEqualTo(new ScaleChange.By(2));
    assertThat(scale.min()).isEqualTo(OptionalInt.of(2));
    assertThat(scale.max()).isEqualTo(OptionalInt.of(20));
    assertThat(scale.adjustHpa()).isTrue();
    assertThat(scale.settings().retry())
        .as("maxBackoff defaults to 1m")
        .isEqualTo(new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(1)));
    assertThat(w.steps().get(1).settings().timeout())
        .as("default of waitForRollout")
        .isEqualTo(Duration.ofMinutes(10));
    Step.Notify tell = (Step.Notify) w.steps().get(2);
    assertThat(tell.channel()).contains("#sre-alerts");
    assertThat(tell.text().source())
        .startsWith("Scaled {{ params.namespace }}/")
        .doesNotContain("\n");
  }

  @Test
  void shiftTrafficWhenAProbeSaysSo() {
    Workflow w = workflow("shift-traffic-from-failing-canary");
    assertThat(w.onResolved()).isEqualTo(OnResolved.IGNORE);
    assertThat(w.matchers().all()).hasSize(3);

    Step.Http probe = (Step.Http) w.steps().get(0);
    assertThat(probe.method()).isEqualTo("GET");
    assertThat(probe.expectStatus()).containsExactlyInAnyOrder(200, 503);
    assertThat(probe.settings().timeout()).isEqualTo(Duration.ofSeconds(10));

    Step.ShiftTraffic shift = (Step.ShiftTraffic) w.steps().get(1);
    assertThat(shift.target().kind()).isEqualTo(TargetKind.HTTP_ROUTE);
    assertThat(shift.rule()).isZero();
    assertThat(shift.weights()).isEqualTo(Map.of("checkout-stable", 100, "checkout-canary", 0));
    Condition when = shift.settings().when().getFirst();
    assertThat(when.source()).isEqualTo("steps.probe.status = \"503\"");
    assertThat(when.variable().path()).containsExactly("steps", "probe", "status");
    assertThat(when.matcher().type()).isEqualTo(MatchType.EQUAL);
    assertThat(when.holds(path -> Optional.of("503"))).isTrue();
    assertThat(when.holds(path -> Optional.of("200"))).isFalse();

    Step.Http pause = (Step.Http) w.steps().get(2);
    assertThat(pause.method()).isEqualTo("POST");
    assertThat(pause.headers()).containsOnlyKeys("Content-Type");
    assertThat(pause.body())
        .map(b -> b.source())
        .contains("{\"reason\": \"remedy run {{ run.id }}: canary unhealthy\"}");
    assertThat(pause.expectStatus()).containsExactly(202);
  }

  @Test
  void rotateASecretAfterTwoApprovals() {
    Workflow w = workflow("rotate-leaked-database-password");
    Step.Approval approve = (Step.Approval) w.steps().getFirst();
    assertThat(approve.quorum()).isEqualTo(2);
    assertThat(approve.settings().timeout()).isEqualTo(Duration.ofMinutes(30));

    Step.RotateSecret rotate = (Step.RotateSecret) w.steps().get(1);
    assertThat(rotate.target().kind()).isEqualTo(TargetKind.SECRET);
    assertThat(rotate.keys()).containsExactly("password");
    assertThat(rotate.length()).isEqualTo(32);
    assertThat(rotate.alphabet()).isEqualTo(Step.RotateSecret.Alphabet.ALPHANUMERIC);
    assertThat(rotate.keepPrevious()).isTrue();
    assertThat(rotate.restart())
        .extracting(c -> c.kind() + " " + c.name().source())
        .containsExactly("DEPLOYMENT {{ params.app }}", "STATEFUL_SET {{ params.app }}-worker");
    assertThat(w.guards().maxConcurrentRuns()).isEqualTo(OptionalInt.of(1));
  }

  @Test
  void waitForTheRolloutThenForTheAlertToResolve() {
    Workflow w = workflow("restart-statefulset-and-verify");
    assertThat(w.onResolved()).isEqualTo(OnResolved.COMPLETE);
    assertThat(w.steps())
        .extracting(s -> s.action().orElseThrow().yamlName())
        .containsExactly("restart", "waitForRollout", "waitForResolved");
    assertThat(w.steps().get(0).settings().timeout())
        .as("default of restart")
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(w.steps().get(1).settings().timeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(w.steps().get(2)).isInstanceOf(Step.WaitForResolved.class);
    assertThat(w.steps().get(2).settings().timeout()).isEqualTo(Duration.ofMinutes(20));
    Step.Http incident = (Step.Http) w.onFailure().getFirst();
    assertThat(incident.url().source()).isEqualTo("https://incidents.example.com/api/v1/incidents");
    assertThat(incident.expectStatus()).containsExactly(201);
  }

  @Test
  void revertTheScaleStepOnFailure() {
    Workflow w = workflow("scale-up-and-revert-on-failure");
    assertThat(w.guards().dryRun()).isTrue();
    Step.Scale scale = (Step.Scale) w.steps().getFirst();
    assertThat(scale.change()).isEqualTo(new ScaleChange.Factor(2));
    assertThat(scale.adjustHpa()).isFalse();
    Step.Revert undo = (Step.Revert) w.onFailure().getFirst();
    assertThat(undo.step()).isEqualTo("scale-up");
    assertThat(undo.settings().timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(w.step("undo-scale")).containsSame(undo);
    assertThat(((Step.Notify) w.onFailure().get(1)).text().variables())
        .extracting(v -> v.display())
        .containsExactly("params.deployment", "steps.scale-up.previousReplicas", "run.failure");
    assertThat(w.steps()).hasSize(3);
    assertThat(w.onFailure()).hasSize(2);
  }
}
