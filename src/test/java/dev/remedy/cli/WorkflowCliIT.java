package dev.remedy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} and {@code simulate} through the packaged application, from a scratch working
 * directory: exit codes, output, and no side effect (no database file, no listener left behind).
 */
class WorkflowCliIT {

  private static final Path WORKFLOWS = Path.of("workflows").toAbsolutePath();
  private static final Path INVALID =
      Path.of("src/test/resources/workflows/invalid").toAbsolutePath();
  private static final Path PAYLOAD =
      Path.of("src/test/resources/alertmanager/kube-pod-crashlooping.json").toAbsolutePath();

  @TempDir Path scratch;

  @Test
  void validateAcceptsTheExamples() throws Exception {
    PackagedApp.Result result = PackagedApp.run(scratch, "validate", WORKFLOWS.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).containsPattern("\\d+ workflow files valid");
    assertNoSideEffects();
  }

  @Test
  void validateReportsEachErrorAsFileLineColumn() throws Exception {
    Path file = INVALID.resolve("unknown-kind.yaml");
    PackagedApp.Result result = PackagedApp.run(scratch, "validate", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out().lines())
        .containsExactly(
            file
                + ":11:23 spec.steps[0].target.kind: unknown kind \"Deploymnt\" (expected one of"
                + " Deployment, StatefulSet, DaemonSet, Pod)");
    assertThat(result.err()).contains("1 error in 1 of 1 workflow file");
  }

  @Test
  void validateOfADirectoryListsEveryBrokenFile() throws Exception {
    PackagedApp.Result result = PackagedApp.run(scratch, "validate", INVALID.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out().lines())
        .isNotEmpty()
        .allMatch(line -> line.matches("^" + INVALID + "/[a-z-]+\\.yaml:\\d+:\\d+ \\S+: .+$"));
    assertThat(result.err()).containsPattern("\\d+ errors in \\d+ of \\d+ workflow files");
  }

  @Test
  void simulatePrintsThePlansAsJson() throws Exception {
    PackagedApp.Result result =
        PackagedApp.run(
            scratch, "simulate", PAYLOAD.toString(), "--workflows", WORKFLOWS.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(result.out());
    JsonNode first = report.path("alerts").path(0);
    assertThat(first.path("matched").path(0).path("workflow").asText())
        .isEqualTo("restart-crashlooping-deployment");
    assertThat(first.path("matched").path(0).path("dedupKey").asText()).isEqualTo("prod/api");
    assertThat(
            first
                .path("matched")
                .path(0)
                .path("steps")
                .path(1)
                .path("details")
                .path("target")
                .path("name")
                .asText())
        .isEqualTo("api");
    assertNoSideEffects();
  }

  @Test
  void simulateRefusesABrokenPayloadAndBadUsage() throws Exception {
    Path bad = scratch.resolve("bad.json");
    Files.writeString(bad, "{\"alerts\": 3}");
    PackagedApp.Result broken =
        PackagedApp.run(scratch, "simulate", bad.toString(), "--workflows", WORKFLOWS.toString());
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.err()).contains("bad.json: ");

    PackagedApp.Result usage = PackagedApp.run(scratch, "simulate");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).contains("usage: remedy validate");
  }

  /** The commands never start the service: nothing is written where they run. */
  private void assertNoSideEffects() throws IOException {
    try (Stream<Path> files = Files.list(scratch)) {
      assertThat(files).as("files created in the working directory").isEmpty();
    }
  }
}
