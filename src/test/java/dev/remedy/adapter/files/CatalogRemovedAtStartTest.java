package dev.remedy.adapter.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.config.WorkflowsConfig;
import dev.remedy.testsupport.AuditEvents;
import dev.remedy.testsupport.Fixtures;
import dev.remedy.workflow.Catalog;
import dev.remedy.workflow.CatalogHistory;
import dev.remedy.workflow.Workflow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A workflow file deleted while no replica runs is {@code catalog.removed} when the next one
 * starts, once, with the last version the audit trail recorded for it. The application's own
 * catalog never polls here (interval 0s): each "replica" is a fresh {@link WorkflowCatalogFiles}
 * reading the directory for the first time.
 */
@QuarkusTest
@TestProfile(CatalogRemovedAtStartTest.NoPolling.class)
class CatalogRemovedAtStartTest {

  static final Path DIR = Fixtures.tempDirectory("remedy-workflows-start");

  /** A workflow directory of its own, read only at start-up. */
  public static class NoPolling implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "remedy.workflows.dir", DIR.toString(), "remedy.workflows.reload-interval", "0s");
    }
  }

  @Inject CatalogHistory history;
  @Inject WorkflowsConfig config;
  @Inject Clock clock;

  @Test
  void aFileDeletedWhileNoReplicaRanIsRemovedAtTheNextStartOnce() throws IOException {
    Path edited = DIR.resolve("edited.yaml");
    Path kept = DIR.resolve("kept.yaml");
    Path neverValid = DIR.resolve("never_valid.yaml");
    Files.writeString(edited, workflow("edited", "DiskFull"));
    Files.writeString(kept, workflow("kept", "PodCrashLooping"));
    Workflow lastLoaded = start().workflow("edited").orElseThrow();
    assertThat(AuditEvents.of("catalog.loaded")).hasSize(2);

    // Broken, then deleted, by deploys while nothing ran: the trail's last version stays the
    // valid one (no catalog.loaded since), as a running replica would keep serving it.
    Files.writeString(edited, workflow("edited", "DiskFull") + "    extra: [unclosed\n");
    Files.writeString(neverValid, "apiVersion: remedy/v1\nkind: Workflow\n");
    start();
    assertThat(AuditEvents.of("catalog.rejected")).hasSize(2);
    assertThat(AuditEvents.of("catalog.removed")).isEmpty();
    Files.delete(edited);
    Files.delete(neverValid);

    // Two replicas starting together record each removal once.
    CompletableFuture.allOf(
            CompletableFuture.runAsync(this::start), CompletableFuture.runAsync(this::start))
        .join();
    List<Map<String, Object>> removed = AuditEvents.of("catalog.removed");
    assertThat(removed).hasSize(2);
    Map<String, Object> editedGone = byFile(removed, edited);
    assertThat(editedGone.get("actor")).isEqualTo("system");
    assertThat(AuditEvents.details(editedGone)).isEqualTo(Map.of("file", edited.toString()));
    assertThat(AuditEvents.workflow(editedGone))
        .isEqualTo(Map.of("name", "edited", "digest", lastLoaded.source().digest()));
    assertThat(byFile(removed, neverValid)).doesNotContainKey("workflow");

    start();
    assertThat(AuditEvents.of("catalog.removed")).hasSize(2);
    assertThat(AuditEvents.of("catalog.loaded")).hasSize(2);

    // Put back and deleted again while nothing ran: loaded again, then removed again.
    Files.writeString(edited, workflow("edited", "DiskFull"));
    start();
    assertThat(AuditEvents.of("catalog.loaded")).hasSize(3);
    Files.delete(edited);
    start();
    start();
    assertThat(AuditEvents.of("catalog.removed"))
        .hasSize(3)
        .first()
        .satisfies(e -> assertThat(AuditEvents.details(e)).containsEntry("file", edited.toString()))
        .satisfies(
            e -> assertThat(AuditEvents.workflow(e)).containsEntry("digest", digest(lastLoaded)));
    assertThat(AuditEvents.of("catalog.removed"))
        .noneSatisfy(
            e -> assertThat(AuditEvents.details(e)).containsEntry("file", kept.toString()));
    AuditEvents.assertChainValid();
  }

  /** A replica starting on the directory as it is now: its first read. */
  private Catalog start() {
    return new WorkflowCatalogFiles(config, clock, new SimpleMeterRegistry(), history).reload();
  }

  private static Map<String, Object> byFile(List<Map<String, Object>> events, Path file) {
    return events.stream()
        .filter(e -> file.toString().equals(AuditEvents.details(e).get("file")))
        .findFirst()
        .orElseThrow();
  }

  private static String digest(Workflow workflow) {
    return workflow.source().digest();
  }

  /** A valid workflow {@code name} matching {@code alertname}. */
  private static String workflow(String name, String alertname) {
    return Fixtures.notifyWorkflow(name, alertname, alertname);
  }
}
