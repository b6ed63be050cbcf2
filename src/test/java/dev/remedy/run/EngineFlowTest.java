package dev.remedy.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.remedy.testsupport.Api;
import dev.remedy.testsupport.Payloads;
import dev.remedy.testsupport.TestDatabase;
import dev.remedy.testsupport.Webhook;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alert in, run out: Alertmanager notification → run → restart on the Kubernetes API (Fabric8 mock
 * server in CRUD mode) → rollout wait (completed by the test) → notify; plus dedup, guards,
 * onResolved, cancel and the kill switch, through the public HTTP API.
 */
@QuarkusTest
@TestProfile(EngineProfile.class)
@WithKubernetesTestServer(crud = true)
class EngineFlowTest {

  @KubernetesTestServer KubernetesServer server;
  @Inject TestDatabase database;

  private KubernetesClient kube;

  @BeforeEach
  void clean() {
    database.clear();
    kube = server.getClient();
  }

  private void deployment(String name, int replicas, int updated) {
    Deployment d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("engine")
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", name)
            .endMetadata()
            .endTemplate()
            .endSpec()
            .withNewStatus()
            .withReplicas(replicas)
            .withUpdatedReplicas(updated)
            .withReadyReplicas(updated)
            .withAvailableReplicas(updated)
            .endStatus()
            .build();
    kube.apps().deployments().inNamespace("engine").resource(d).createOr(r -> r.update());
  }

  /** What the Deployment controller does when the new pods are ready. */
  private void completeRollout(String name) {
    Deployment d = kube.apps().deployments().inNamespace("engine").withName(name).get();
    Long generation = d.getMetadata().getGeneration();
    d.getStatus().setObservedGeneration(generation == null ? 0 : generation);
    d.getStatus().setUpdatedReplicas(d.getSpec().getReplicas());
    d.getStatus().setReadyReplicas(d.getSpec().getReplicas());
    d.getStatus().setAvailableReplicas(d.getSpec().getReplicas());
    d.getStatus().setReplicas(d.getSpec().getReplicas());
    kube.apps().deployments().inNamespace("engine").resource(d).updateStatus();
  }

  private static JsonPath run(String id) {
    return Api.asViewer().get("/api/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static String post(String payload) {
    return Webhook.post(payload).statusCode(202).extract().asString();
  }

  /** Types written by ingest (another part of the service): left out of the engine's sequence. */
  private static final java.util.Set<String> INGEST_TYPES =
      java.util.Set.of("notification.received", "alert.stored", "run.created", "run.duplicate");

  /** The audit events of a run, oldest first, from {@code GET /api/v1/audit?run=}. */
  private static java.util.List<java.util.Map<String, Object>> auditOf(String id) {
    JsonPath page =
        Api.asViewer()
            .get("/api/v1/audit?limit=1000&run=" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(page.getString("nextCursor")).as("one page holds the whole run").isNull();
    java.util.List<java.util.Map<String, Object>> items =
        new java.util.ArrayList<>(page.getList("items"));
    java.util.Collections.reverse(items);
    return items.stream().filter(e -> !INGEST_TYPES.contains((String) e.get("type"))).toList();
  }

  /**
   * The engine's event types of a run, oldest first, with back-to-back {@code run.claimed} events
   * counted once: a waiting run is claimed again at every poll, and how often depends on timing.
   */
  private static java.util.List<String> engineSequence(String id) {
    java.util.List<String> types = new java.util.ArrayList<>();
    for (var event : auditOf(id)) {
      String type = (String) event.get("type");
      if (!(type.equals("run.claimed") && !types.isEmpty() && types.getLast().equals(type))) {
        types.add(type);
      }
    }
    return types;
  }

  /** The {@code details} of an audit event (hashed body). */
  private static JsonPath details(java.util.Map<String, Object> event) {
    return JsonPath.from((String) event.get("body")).setRootPath("details");
  }

  private static void assertAuditChainValid() {
    Api.asViewer().get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
  }

  @Test
  void alertRestartsTheDeploymentWaitsForTheRolloutAndNotifies() {
    deployment("web", 2, 1);
    String versionBefore =
        kube.apps()
            .deployments()
            .inNamespace("engine")
            .withName("web")
            .get()
            .getMetadata()
            .getResourceVersion();
    Instant started = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
    String body =
        post(
            Payloads.alert(
                "firing",
                "f1a1",
                started,
                "alertname",
                "EngineRestart",
                "namespace",
                "engine",
                "deployment",
                "web"));
    JsonPath answer = JsonPath.from(body);
    assertThat(answer.getList("runs")).hasSize(1);
    String id = answer.getString("runs[0].id");
    assertThat(answer.getString("runs[0].workflow")).isEqualTo("restart-and-wait");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(run(id).getString("status")).isEqualTo("waiting"));
    Deployment restarted = kube.apps().deployments().inNamespace("engine").withName("web").get();
    String restartedAt =
        restarted
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations()
            .get("kubectl.kubernetes.io/restartedAt");
    assertThat(restartedAt).isNotBlank();
    assertThat(restarted.getMetadata().getAnnotations())
        .containsEntry("remedy.dev/run-id", id)
        .containsEntry("remedy.dev/step", "restart");

    completeRollout("web"); // the test plays the Deployment controller
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(run(id).getString("status")).isEqualTo("succeeded"));
    JsonPath detail = run(id);
    assertThat(detail.getList("steps.step")).containsExactly("restart", "wait", "tell");
    assertThat(detail.getList("steps.status")).containsOnly("succeeded");
    assertThat(detail.getString("outputs.restart.restartedAt")).isEqualTo(restartedAt);
    assertThat(detail.getString("params.deployment")).isEqualTo("web");
    assertThat(detail.getString("alert.labels.alertname")).isEqualTo("EngineRestart");

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("remedy_runs_total{outcome=\"succeeded\",workflow=\"restart-and-wait\"}")
        .contains("remedy_time_to_mitigate_seconds_count{workflow=\"restart-and-wait\"}")
        .contains("remedy_step_duration_seconds_count{action=\"restart\"")
        .contains("remedy_engine_leases_lost_total 0.0");

    // Audit: every change of the run with its events, in the order of the changes.
    assertThat(engineSequence(id))
        .containsExactly(
            "run.claimed",
            "step.started", // restart
            "kubernetes.request",
            "step.succeeded",
            "step.started", // wait (a poll that finds it progressing records nothing,
            // nor does the claim after each wake-up: only the first claim and a takeover)
            "step.succeeded",
            "step.started", // tell
            "step.succeeded",
            "run.finished");
    var events = auditOf(id);
    assertThat(events).allSatisfy(e -> assertThat(e.get("workflow")).isNotNull());
    var request =
        events.stream().filter(e -> e.get("type").equals("kubernetes.request")).findFirst().get();
    assertThat(request.get("actor")).isEqualTo("system");
    JsonPath sent = details(request);
    assertThat(sent.getString("verb")).isEqualTo("patch");
    assertThat(sent.getString("kind")).isEqualTo("Deployment");
    assertThat(sent.getString("namespace")).isEqualTo("engine");
    assertThat(sent.getString("name")).isEqualTo("web");
    assertThat(sent.getString("step")).isEqualTo("restart");
    assertThat(sent.getString("resourceVersionBefore")).isEqualTo(versionBefore);
    assertThat(sent.getString("resourceVersionAfter"))
        .isEqualTo(restarted.getMetadata().getResourceVersion())
        .isNotEqualTo(versionBefore);
    assertThat(sent.getBoolean("dryRun")).isFalse();
    assertThat(details(events.getLast()).getString("status")).isEqualTo("succeeded");
    assertThat(details(events.get(1)).getString("step")).isEqualTo("restart");
    assertThat(details(events.get(1)).getString("action")).isEqualTo("restart");
    assertAuditChainValid();
  }

  @Test
  void aTargetInANamespaceWorkflowsMayNotTouchFailsBeforeAnyCall() {
    String body =
        post(
            Payloads.alert(
                "firing",
                "f1b1",
                Instant.now(),
                "alertname",
                "EngineRestart",
                "namespace",
                "kube-system",
                "deployment",
                "coredns"));
    String id = JsonPath.from(body).getString("runs[0].id");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(run(id).getString("status")).isEqualTo("failed"));
    JsonPath detail = run(id);
    assertThat(detail.getString("steps[0].failure.reason")).isEqualTo("forbidden-namespace");
    assertThat(detail.getString("steps[0].failure.message"))
        .contains("namespace kube-system is refused");
    assertThat(kube.apps().deployments().inNamespace("kube-system").list().getItems()).isEmpty();
    assertThat(engineSequence(id))
        .as("no request: nothing was sent to the cluster")
        .containsExactly("run.claimed", "step.started", "step.failed", "run.finished");
    var events = auditOf(id);
    JsonPath failed = details(events.get(2));
    assertThat(failed.getString("step")).isEqualTo("restart");
    assertThat(failed.getString("reason")).isEqualTo("forbidden-namespace");
    assertThat(failed.getBoolean("retryable")).isFalse();
    assertThat(failed.getInt("attempt")).isEqualTo(1);
    assertThat(details(events.getLast()).getString("status")).isEqualTo("failed");
    assertAuditChainValid();
  }

  @Test
  void aSecondAlertForTheSameKeyIsADuplicateAndAResolvedAlertCancels() {
    Instant started = Instant.now().minusSeconds(60);
    String first =
        post(Payloads.alert("firing", "f2a1", started, "alertname", "Flapping", "service", "api"));
    String id = JsonPath.from(first).getString("runs[0].id");
    String second =
        post(Payloads.alert("firing", "f2a2", started, "alertname", "Flapping", "service", "api"));
    assertThat(JsonPath.from(second).getList("runs")).isEmpty();
    assertThat(JsonPath.from(second).getInt("duplicates")).isEqualTo(1);

    post(Payloads.alert("resolved", "f2a1", started, "alertname", "Flapping", "service", "api"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(run(id).getString("status")).isEqualTo("cancelled"));
    assertThat(run(id).getString("endNote")).contains("onResolved: cancel");
    assertThat(run(id).getList("guardDecisions.outcome")).containsExactly("duplicate");
    assertThat(auditOf(id))
        .filteredOn(e -> e.get("type").equals("run.cancel-requested"))
        .singleElement()
        .satisfies(e -> assertThat((String) e.get("actor")).startsWith("alertmanager:"));
  }

  @Test
  void guardsSuppressAndTheRecordSaysWhich() {
    deployment("api", 2, 2);
    deployment("db", 2, 2);
    deployment("cache", 2, 2);
    Instant started = Instant.now();
    String first =
        post(
            Payloads.alert(
                "firing", "f3a1", started, "alertname", "EngineScale", "deployment", "api"));
    String id = JsonPath.from(first).getString("runs[0].id");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(run(id).getString("status")).isEqualTo("succeeded"));
    assertThat(
            kube.apps()
                .deployments()
                .inNamespace("engine")
                .withName("api")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(4);
    assertThat(run(id).getString("outputs.scale.previousReplicas")).isEqualTo("2");

    // The same key again, after the run ended: the 1h cooldown says no.
    String again =
        post(
            Payloads.alert(
                "firing",
                "f3a1",
                started.plusSeconds(1),
                "alertname",
                "EngineScale",
                "deployment",
                "api"));
    assertThat(JsonPath.from(again).getInt("suppressed")).isEqualTo(1);
    Api.asViewer()
        .get("/api/v1/guard-decisions?workflow=scale-guarded")
        .then()
        .statusCode(200)
        .body("[0].outcome", equalTo("suppressed"))
        .body("[0].guard", equalTo("cooldown"));
  }

  @Test
  void theKillSwitchSuppressesNewRunsAndParksRunningOnes() {
    deployment("web", 2, 1);
    Api.asOperator()
        .contentType("application/json")
        .body("{\"enabled\": false}")
        .put("/api/v1/automation")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("changedBy", equalTo("olga"));
    String body =
        post(
            Payloads.alert(
                "firing",
                "f4a1",
                Instant.now(),
                "alertname",
                "EngineRestart",
                "namespace",
                "engine",
                "deployment",
                "web"));
    assertThat(JsonPath.from(body).getInt("suppressed")).isEqualTo(1);
    Api.asViewer()
        .get("/api/v1/guard-decisions")
        .then()
        .body("[0].guard", equalTo("automation-disabled"));

    Api.asViewer().put("/api/v1/automation").then().statusCode(403);
    Api.asOperator()
        .contentType("application/json")
        .body("{\"enabled\": true}")
        .put("/api/v1/automation")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(true));
  }

  @Test
  void anOperatorCancelsAWaitingRun() {
    String body =
        post(
            Payloads.alert(
                "firing", "f5a1", Instant.now(), "alertname", "Flapping", "service", "billing"));
    String id = JsonPath.from(body).getString("runs[0].id");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(run(id).getString("status")).isEqualTo("waiting"));
    Api.asViewer().post("/api/v1/runs/" + id + "/cancel").then().statusCode(403);
    Api.asOperator().post("/api/v1/runs/" + id + "/cancel").then().statusCode(202);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(run(id).getString("status")).isEqualTo("cancelled"));
    assertThat(run(id).getString("endNote")).isEqualTo("cancelled by olga");
    assertThat(run(id).getList("steps.status")).containsExactly("cancelled");
    assertThat(engineSequence(id))
        .containsExactly(
            "run.claimed",
            "step.started",
            "approval.requested",
            "run.cancel-requested",
            "run.finished");
    var cancelled = auditOf(id);
    var request =
        cancelled.stream()
            .filter(e -> e.get("type").equals("run.cancel-requested"))
            .findFirst()
            .get();
    assertThat(request.get("actor")).isEqualTo("user:olga");
    assertThat(details(request).getString("note")).isEqualTo("cancelled by olga");
    assertThat(details(cancelled.getLast()).getString("status")).isEqualTo("cancelled");
    Api.asViewer()
        .get("/api/v1/audit?type=run.cancel-requested&actor=user:olga&run=" + id)
        .then()
        .statusCode(200)
        .body("items", hasSize(1));
    Api.asOperator().post("/api/v1/runs/" + id + "/cancel").then().statusCode(409);
    Api.asViewer().get("/api/v1/runs/nope").then().statusCode(404);
    Api.asViewer()
        .get("/api/v1/runs?status=cancelled&workflow=flapping")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].id", equalTo(id));
    Api.asViewer().get("/api/v1/runs?status=bogus").then().statusCode(400);
  }

  /**
   * The storm: 1,000 notifications for one flapping alert (firing, resolved, firing, ... each flap
   * a new alert state) within a minute. At most one run is active at any time, at most {@code
   * rateLimit.runs} (3) runs are created, and every firing that started none is recorded as a
   * duplicate or a suppression.
   */
  @Test
  void aStormOfFlappingNotificationsStartsAtMostTheRateLimit() {
    Instant base = Instant.now().minusSeconds(60);
    int runs = 0;
    int duplicates = 0;
    int suppressed = 0;
    for (int i = 0; i < 1000; i++) {
      String status = i % 2 == 0 ? "firing" : "resolved";
      Instant startsAt = base.plusMillis(50L * (i / 2));
      JsonPath answer =
          JsonPath.from(
              post(
                  Payloads.alert(
                      status,
                      "storm01",
                      startsAt,
                      "alertname",
                      "Flapping",
                      "service",
                      "checkout")));
      runs += answer.getList("runs").size();
      duplicates += answer.getInt("duplicates");
      suppressed += answer.getInt("suppressed");
      long active = database.count("run where status in ('queued', 'running', 'waiting')");
      assertThat(active).as("active runs after notification %d", i).isLessThanOrEqualTo(1);
    }
    assertThat(runs).isBetween(1, 3);
    assertThat(runs + duplicates + suppressed).isEqualTo(500);
    assertThat(suppressed).isGreaterThan(400);
    assertThat(database.count("run")).isEqualTo(runs);
    assertThat(
            database.count("guard_decision where outcome = 'suppressed' and guard = 'rate-limit'"))
        .isEqualTo(suppressed);
    assertThat(database.count("guard_decision where outcome = 'duplicate'")).isEqualTo(duplicates);
    String metrics = given().get("/q/metrics").then().extract().asString();
    assertThat(metrics).contains("remedy_guard_suppressions_total{guard=\"rate-limit\"}");
  }

  /**
   * rotateSecret end to end, and the promise that comes with it: the generated value appears
   * nowhere but in the Secret: not in the run API, the runs list, guard decisions, metrics, any log
   * record (including the notify step, which goes to the log without a Slack token).
   */
  @Test
  void aRotatedSecretValueAppearsNowhereButInTheSecret() {
    String old = "the-old-password";
    kube.secrets()
        .inNamespace("engine")
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace("engine")
                .endMetadata()
                .addToData("password", b64(old))
                .build())
        .createOr(r -> r.update());
    deployment("app", 1, 1);
    java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.SimpleFormatter formatter = new java.util.logging.SimpleFormatter();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            logged.add(formatter.format(record));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.addHandler(capture);
    try {
      String id =
          JsonPath.from(
                  post(
                      Payloads.alert(
                          "firing",
                          "5ec7e7",
                          Instant.now().minusSeconds(60),
                          "alertname",
                          "EngineSecretLeaked",
                          "namespace",
                          "engine",
                          "secret",
                          "db")))
              .getString("runs[0].id");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(run(id).getString("status")).isEqualTo("succeeded"));

      var secret = kube.secrets().inNamespace("engine").withName("db").get();
      String generated =
          new String(
              java.util.Base64.getDecoder().decode(secret.getData().get("password")),
              java.nio.charset.StandardCharsets.UTF_8);
      assertThat(generated).hasSize(40).matches("[A-Za-z0-9_-]{40}");
      assertThat(secret.getData().get("password.previous")).isEqualTo(b64(old));
      assertThat(
              kube.apps()
                  .deployments()
                  .inNamespace("engine")
                  .withName("app")
                  .get()
                  .getSpec()
                  .getTemplate()
                  .getMetadata()
                  .getAnnotations())
          .containsKey("kubectl.kubernetes.io/restartedAt");

      JsonPath detail = run(id);
      assertThat(detail.getString("steps[0].outputs.rotationId")).startsWith("rot-");
      assertThat(logged).anySatisfy(line -> assertThat(line).contains("rotated db: rot-"));

      StringBuilder everything = new StringBuilder();
      everything.append(Api.asViewer().get("/api/v1/runs/" + id).asString());
      everything.append(Api.asViewer().get("/api/v1/runs").asString());
      everything.append(Api.asViewer().get("/api/v1/guard-decisions").asString());
      everything.append(given().get("/q/metrics").asString());
      logged.forEach(everything::append);
      String export =
          Api.asViewer().get("/api/v1/audit/export").then().statusCode(200).extract().asString();
      assertThat(export).contains("\"type\":\"kubernetes.request\"").contains(id);
      everything.append(export);
      assertThat(engineSequence(id))
          .as("the Secret, then the consumer's restart, each recorded by name and version")
          .containsSubsequence(
              "step.started", "kubernetes.request", "kubernetes.request", "step.succeeded");
      assertThat(auditOf(id))
          .filteredOn(e -> e.get("type").equals("kubernetes.request"))
          .extracting(e -> details(e).getString("kind"))
          .containsExactly("Secret", "Deployment");
      for (String secretText : java.util.List.of(generated, b64(generated), old, b64(old))) {
        assertThat(everything.toString()).doesNotContain(secretText);
      }
    } finally {
      root.removeHandler(capture);
    }
  }

  private static String b64(String value) {
    return java.util.Base64.getEncoder()
        .encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
