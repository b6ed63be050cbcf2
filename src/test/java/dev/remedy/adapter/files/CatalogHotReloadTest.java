package dev.remedy.adapter.files;

import static dev.remedy.testsupport.Api.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.remedy.config.WorkflowsConfig;
import dev.remedy.testsupport.AuditEvents;
import dev.remedy.testsupport.Fixtures;
import dev.remedy.workflow.CatalogEntry;
import dev.remedy.workflow.CatalogHistory;
import dev.remedy.workflow.CatalogSource;
import dev.remedy.workflow.Workflow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Files edited on disk change the running catalog; a broken edit keeps the last good version. */
@QuarkusTest
@TestProfile(CatalogHotReloadTest.TempWorkflowDir.class)
class CatalogHotReloadTest {

  static final Path DIR = Fixtures.tempDirectory("remedy-workflows");

  /** Three contents of the one file: two versions, and a broken edit. */
  private static final String FIRST = workflow("DiskFull", "disk is full");

  private static final String SECOND = workflow("DiskAlmostFull", "disk is almost full, act now");
  private static final String BROKEN =
      workflow("DiskAlmostFull", "{{ lables.x }}") + "    extra: [unclosed\n";

  /** A workflow directory of its own, checked every 100 ms. */
  public static class TempWorkflowDir implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "remedy.workflows.dir", DIR.toString(), "remedy.workflows.reload-interval", "100ms");
    }
  }

  @Inject CatalogSource catalog;
  @Inject CatalogHistory history;
  @Inject WorkflowsConfig config;
  @Inject Clock clock;

  @Test
  void editsOnDiskReachTheCatalogAndABrokenEditKeepsTheLastGoodVersion() throws IOException {
    Path file = DIR.resolve("notify-on-disk-full.yaml");
    replace(file, FIRST);
    Workflow first = awaitWorkflow(w -> w.matchers().toString().contains("DiskFull"));

    replace(file, SECOND);
    Workflow second = awaitWorkflow(w -> w.matchers().toString().contains("DiskAlmostFull"));
    assertThat(second.source().digest()).isNotEqualTo(first.source().digest());

    replace(file, BROKEN);
    await().atMost(Duration.ofSeconds(10)).until(() -> catalog.current().invalidFiles() == 1);
    CatalogEntry entry = catalog.current().entries().getFirst();
    assertThat(entry.servingLastGood()).isTrue();
    assertThat(catalog.current().workflow("notify-on-disk-full").orElseThrow().source().digest())
        .isEqualTo(second.source().digest());

    asViewer()
        .get("/api/v1/workflows")
        .then()
        .statusCode(200)
        .body("invalidFiles", equalTo(1))
        .body("workflows[0].status", equalTo("invalid"))
        .body("workflows[0].servingLastGood", equalTo(true))
        .body("workflows[0].version", equalTo(second.source().digest()))
        .body("workflows[0].errors.text", hasItem(startsWith(DIR + "/notify-on-disk-full.yaml:")));
    String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics).contains("remedy_workflow_catalog_errors 1.0");

    auditHasEachVersionAndTheRejectionOnce(first, second, entry);
    aKnownVersionOrContentComingBackIsRecordedAgain(file, first, second, entry);

    Files.delete(file);
    await().atMost(Duration.ofSeconds(10)).until(() -> catalog.current().entries().isEmpty());
    assertThat(catalog.current().workflows()).isEmpty();

    aRemovalIsRecordedOnceAndAReturnIsLoadedAgain(file, first, FIRST, entry);
  }

  /**
   * The trail says which version serves now, also when it served before: fixed after a rejection,
   * edited back to an earlier version, or broken again after a fix, the file is recorded again,
   * once; a reload and a restart add nothing.
   */
  private void aKnownVersionOrContentComingBackIsRecordedAgain(
      Path file, Workflow first, Workflow second, CatalogEntry broken) throws IOException {
    int loaded = AuditEvents.of("catalog.loaded").size();
    int rejected = AuditEvents.of("catalog.rejected").size();

    replace(file, SECOND);
    awaitLoaded(loaded + 1, second);
    replace(file, FIRST);
    awaitLoaded(loaded + 2, first);
    catalog.reload();
    restart();
    assertThat(AuditEvents.of("catalog.loaded")).hasSize(loaded + 2);

    replace(file, BROKEN);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> AuditEvents.of("catalog.rejected").size() == rejected + 1);
    assertThat(AuditEvents.details(AuditEvents.of("catalog.rejected").getFirst()))
        .containsEntry("fileDigest", broken.fileDigest());
    assertThat(catalog.current().workflow("notify-on-disk-full").orElseThrow().source().digest())
        .isEqualTo(first.source().digest());
    restart();
    assertThat(AuditEvents.of("catalog.rejected")).hasSize(rejected + 1);
    assertThat(AuditEvents.of("catalog.loaded")).hasSize(loaded + 2);
    AuditEvents.assertChainValid();
  }

  private static void awaitLoaded(int count, Workflow version) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> AuditEvents.of("catalog.loaded").size() == count);
    assertThat(AuditEvents.workflow(AuditEvents.of("catalog.loaded").getFirst()).get("digest"))
        .isEqualTo(version.source().digest());
  }

  /**
   * The deleted file is {@code catalog.removed} once, with the version it served last (here the
   * last good one: its content was broken); a reload, a call again and a restart without the file
   * record nothing more. Put back, it is {@code catalog.loaded} again; a file that never was valid
   * is removed without a version.
   */
  private void aRemovalIsRecordedOnceAndAReturnIsLoadedAgain(
      Path file, Workflow lastServed, String lastServedContent, CatalogEntry gone)
      throws IOException {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> AuditEvents.of("catalog.removed").size() == 1);
    Map<String, Object> removed = AuditEvents.of("catalog.removed").getFirst();
    assertThat(removed.get("actor")).isEqualTo("system");
    assertThat(AuditEvents.details(removed)).isEqualTo(Map.of("file", file.toString()));
    assertThat(AuditEvents.workflow(removed))
        .isEqualTo(Map.of("name", "notify-on-disk-full", "digest", lastServed.source().digest()));
    int loaded = AuditEvents.of("catalog.loaded").size();

    catalog.reload();
    history.removed(gone);
    restart();
    assertThat(AuditEvents.of("catalog.removed")).hasSize(1);
    assertThat(AuditEvents.of("catalog.loaded")).hasSize(loaded);

    replace(file, lastServedContent);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> AuditEvents.of("catalog.loaded").size() == loaded + 1);
    Map<String, Object> back = AuditEvents.of("catalog.loaded").getFirst();
    assertThat(AuditEvents.workflow(back).get("digest")).isEqualTo(lastServed.source().digest());
    assertThat(AuditEvents.details(back)).containsEntry("file", file.toString());
    assertThat(AuditEvents.seq(back)).isGreaterThan(AuditEvents.seq(removed));
    restart();
    assertThat(AuditEvents.of("catalog.loaded")).hasSize(loaded + 1);

    int rejected = AuditEvents.of("catalog.rejected").size();
    Path neverValid = DIR.resolve("never_valid.yaml");
    replace(neverValid, "apiVersion: remedy/v1\nkind: Workflow\nmetadata: { name: never-valid }\n");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> AuditEvents.of("catalog.rejected").size() == rejected + 1);
    CatalogEntry invalid =
        catalog.current().entries().stream()
            .filter(e -> e.file().equals(neverValid.toString()))
            .findFirst()
            .orElseThrow();
    Files.delete(neverValid);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> AuditEvents.of("catalog.removed").size() == 2);
    history.removed(invalid);
    assertThat(AuditEvents.of("catalog.removed")).hasSize(2);
    Map<String, Object> invalidGone = AuditEvents.of("catalog.removed").getFirst();
    assertThat(invalidGone).doesNotContainKey("workflow");
    assertThat(AuditEvents.details(invalidGone)).isEqualTo(Map.of("file", neverValid.toString()));
    AuditEvents.assertChainValid();
  }

  /** A replica starting on the directory as it is now: its first read, as at start-up. */
  /**
   * Writes a workflow file as editors and ConfigMap volumes do: whole, by renaming a full copy over
   * it. A truncate-then-write could be read half-written by the reload poller, which then rightly
   * records the empty file as rejected (a CI run saw it).
   */
  private static void replace(Path file, String content) throws IOException {
    Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
    Files.writeString(partial, content);
    Files.move(
        partial,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private void restart() {
    new WorkflowCatalogFiles(config, clock, new SimpleMeterRegistry(), history).reload();
  }

  /**
   * Each new version is {@code catalog.loaded} and the broken content {@code catalog.rejected},
   * once: a reload of unchanged files, the directory read again (another replica starting) and the
   * rejection reported again record nothing more.
   */
  private void auditHasEachVersionAndTheRejectionOnce(
      Workflow first, Workflow second, CatalogEntry broken) {
    List<Map<String, Object>> loaded = AuditEvents.of("catalog.loaded");
    assertThat(loaded)
        .extracting(e -> AuditEvents.workflow(e).get("digest"))
        .containsExactly(second.source().digest(), first.source().digest());
    assertThat(loaded)
        .allSatisfy(
            e -> {
              assertThat(e.get("actor")).isEqualTo("system");
              assertThat(AuditEvents.workflow(e).get("name")).isEqualTo("notify-on-disk-full");
              assertThat(AuditEvents.details(e))
                  .containsEntry("file", DIR + "/notify-on-disk-full.yaml");
            });
    List<Map<String, Object>> rejected = AuditEvents.of("catalog.rejected");
    assertThat(rejected)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(AuditEvents.details(e))
                  .containsEntry("file", broken.file())
                  .containsEntry("fileDigest", broken.fileDigest());
              assertThat((List<?>) AuditEvents.details(e).get("errors"))
                  .isNotEmpty()
                  .allSatisfy(
                      error ->
                          assertThat(error.toString())
                              .startsWith(DIR + "/notify-on-disk-full.yaml:"));
            });

    catalog.reload();
    restart();
    history.rejected(broken);
    assertThat(AuditEvents.of("catalog.loaded")).hasSameSizeAs(loaded);
    assertThat(AuditEvents.of("catalog.rejected")).hasSameSizeAs(rejected);
    AuditEvents.assertChainValid();
  }

  private Workflow awaitWorkflow(java.util.function.Predicate<Workflow> condition) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> catalog.current().workflow("notify-on-disk-full").orElse(null),
            w -> w != null && condition.test(w));
  }

  /** The one workflow of this test, {@code notify-on-disk-full}, matching {@code alertname}. */
  private static String workflow(String alertname, String text) {
    return Fixtures.notifyWorkflow("notify-on-disk-full", alertname, text);
  }
}
