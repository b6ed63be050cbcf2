package dev.remedy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.guard.GuardSettingsHistory;
import dev.remedy.run.EngineProfile;
import dev.remedy.testsupport.Api;
import dev.remedy.testsupport.AuditEvents;
import dev.remedy.testsupport.Fixtures;
import dev.remedy.testsupport.TestDatabase;
import dev.remedy.workflow.CatalogHistory;
import dev.remedy.workflow.CatalogSource;
import dev.remedy.workflow.Workflow;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit events of configuration and of the operators' switches: the automation switch, the
 * catalog at start-up and on reload, the global guard settings, and simulations.
 */
@QuarkusTest
@TestProfile(EngineProfile.class)
@WithKubernetesTestServer(crud = true)
class ConfigurationAuditTest {

  @Inject TestDatabase database;
  @Inject CatalogSource catalog;
  @Inject CatalogHistory catalogHistory;
  @Inject GuardSettingsHistory guardsHistory;
  @Inject GuardsConfig guards;

  @BeforeEach
  void clean() {
    database.clear();
  }

  private static void automation(String body) {
    Api.asOperator()
        .contentType("application/json")
        .body(body)
        .put("/api/v1/automation")
        .then()
        .statusCode(200);
  }

  @Test
  void theSwitchIsAuditedWithTheOperatorAndThePositionsBeforeAndAfter() {
    automation("{\"enabled\": false}");
    automation("{\"enabled\": true, \"dryRun\": true}");
    automation("{\"dryRun\": false}");

    List<Map<String, Object>> changes = AuditEvents.of("automation.changed");
    assertThat(changes.subList(0, 3).reversed())
        .extracting(AuditEvents::details)
        .containsExactly(
            Map.of(
                "enabled", false,
                "dryRun", false,
                "wasEnabled", true,
                "wasDryRun", false,
                "reason", "operator request"),
            Map.of(
                "enabled", true,
                "dryRun", true,
                "wasEnabled", false,
                "wasDryRun", false,
                "reason", "operator request"),
            Map.of(
                "enabled", true,
                "dryRun", false,
                "wasEnabled", true,
                "wasDryRun", true,
                "reason", "operator request"));
    assertThat(changes.subList(0, 3)).extracting(e -> e.get("actor")).containsOnly("user:olga");
    // The start-up position set by the configuration on the empty database, by the service.
    assertThat(changes.getLast().get("actor")).isEqualTo("system");
    assertThat(AuditEvents.details(changes.getLast()).get("reason").toString())
        .startsWith("start-up configuration");
    AuditEvents.assertChainValid();
  }

  @Test
  void everyCatalogVersionIsRecordedOnceHoweverOftenItIsLoaded() {
    List<Map<String, Object>> loaded = AuditEvents.of("catalog.loaded");
    for (Workflow workflow : catalog.current().workflows()) {
      assertThat(loaded)
          .filteredOn(e -> AuditEvents.workflow(e).get("digest").equals(workflow.source().digest()))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.get("actor")).isEqualTo("system");
                assertThat(AuditEvents.workflow(e).get("name")).isEqualTo(workflow.name());
                assertThat(AuditEvents.details(e)).containsEntry("file", workflow.source().file());
              });
    }

    // A reload of unchanged files, and the same files read again (another replica starting).
    catalog.reload();
    catalog.current().workflows().forEach(catalogHistory::loaded);
    assertThat(AuditEvents.of("catalog.loaded")).hasSameSizeAs(loaded);
    AuditEvents.assertChainValid();
  }

  @Test
  void guardSettingsAreRecordedAtStartAndOnlyWhenTheyChange() throws Exception {
    Map<String, String> configured = GuardsStartup.settings(guards, null, true, false);
    List<Map<String, Object>> recorded = AuditEvents.of("guards.configured");
    assertThat(recorded).isNotEmpty();
    assertThat(AuditEvents.details(recorded.getFirst())).isEqualTo(configured);
    assertThat(recorded.getFirst().get("actor")).isEqualTo("system");

    // The same settings again (a restart, another replica): nothing.
    assertThat(guardsHistory.recordIfChanged(configured)).isFalse();

    // Four replicas starting at once with new settings: recorded once.
    Map<String, String> changed = new LinkedHashMap<>(configured);
    changed.put("remedy.guards.max-actions-per-window", "3");
    ExecutorService replicas = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> starts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        starts.add(() -> guardsHistory.recordIfChanged(changed));
      }
      List<Boolean> outcomes = new ArrayList<>();
      for (Future<Boolean> start : replicas.invokeAll(starts)) {
        outcomes.add(start.get());
      }
      assertThat(outcomes).containsOnlyOnce(true);
    } finally {
      replicas.shutdown();
    }
    assertThat(AuditEvents.of("guards.configured")).hasSize(recorded.size() + 1);
    assertThat(AuditEvents.details(AuditEvents.of("guards.configured").getFirst()))
        .isEqualTo(changed);

    // Back to the configured settings: recorded again, as the last word.
    assertThat(guardsHistory.recordIfChanged(configured)).isTrue();
    assertThat(AuditEvents.of("guards.configured")).hasSize(recorded.size() + 2);
    AuditEvents.assertChainValid();
  }

  @Test
  void aSimulationRecordsWhoProbedWhichAlertsAndWhatMatched() {
    JsonPath answer =
        Api.asViewer()
            .contentType("application/json")
            .body(Fixtures.read(Fixtures.KUBE_POD_CRASH_LOOPING))
            .post("/api/v1/simulate")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    int alerts = answer.getList("alerts").size();
    List<Map<String, Object>> matched =
        AuditEvents.of("workflow.matched").subList(0, alerts).reversed();
    for (int i = 0; i < alerts; i++) {
      Map<String, Object> event = matched.get(i);
      assertThat(event.get("actor")).isEqualTo("user:vera");
      assertThat(AuditEvents.details(event))
          .containsEntry("fingerprint", answer.getString("alerts[" + i + "].fingerprint"))
          .containsEntry("matched", answer.getList("alerts[" + i + "].matched.workflow"))
          .containsEntry("notMatched", answer.getList("alerts[" + i + "].notMatched.workflow"));
    }
    assertThat(database.count("run")).isZero();
    AuditEvents.assertChainValid();
  }
}
