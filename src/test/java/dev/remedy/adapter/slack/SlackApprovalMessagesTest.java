package dev.remedy.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remedy.run.EngineProfile;
import dev.remedy.testsupport.Api;
import dev.remedy.testsupport.AuditEvents;
import dev.remedy.testsupport.Payloads;
import dev.remedy.testsupport.TestDatabase;
import dev.remedy.testsupport.Webhook;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The approval's Slack message against a local fake of the Slack Web API: the Block Kit payload
 * (plan, opaque button values, approvers, deadline, run link), the durable retry when Slack fails,
 * the update after the decision, and the run's notify threaded under it.
 */
@QuarkusTest
@TestProfile(EngineProfile.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = FakeSlackApi.class, restrictToAnnotatedClass = true)
class SlackApprovalMessagesTest {

  @KubernetesTestServer KubernetesServer server;
  @Inject TestDatabase database;
  @Inject SlackApprovalMessages messages;

  @BeforeEach
  void clean() {
    database.clear();
    FakeSlackApi.reset();
    server
        .getClient()
        .apps()
        .deployments()
        .inNamespace("engine")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace("engine")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewTemplate()
                .endTemplate()
                .endSpec()
                .build())
        .createOr(r -> r.update());
  }

  private String alert(String fingerprint) {
    String runId =
        JsonPath.from(
                Webhook.post(
                        Payloads.alert(
                            "firing",
                            fingerprint,
                            Instant.now().minusSeconds(30),
                            "alertname",
                            "EngineApproveRestart",
                            "namespace",
                            "engine",
                            "deployment",
                            "web"))
                    .statusCode(202)
                    .extract()
                    .asString())
            .getString("runs[0].id");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !Api.asViewer()
                    .get("/api/v1/approvals?status=pending")
                    .jsonPath()
                    .getList("")
                    .isEmpty());
    return runId;
  }

  private static List<String> texts(JsonNode blocks) {
    List<String> texts = new ArrayList<>();
    blocks
        .findValues("text")
        .forEach(t -> texts.add(t.isTextual() ? t.asText() : t.path("text").asText()));
    return texts;
  }

  @Test
  void theMessageShowsThePlanAndOpaqueButtonsThenTheDecisionAndTheRunThreadsUnderIt() {
    String runId = alert("51ac0001");
    String approvalId =
        Api.asViewer().get("/api/v1/approvals?status=pending").jsonPath().getString("[0].id");

    messages.deliver();

    List<FakeSlackApi.Call> posts = FakeSlackApi.calls("chat.postMessage");
    assertThat(posts).hasSize(1);
    FakeSlackApi.Call post = posts.get(0);
    assertThat(post.authorization()).isEqualTo("Bearer xoxb-fake-token");
    assertThat(post.body().path("channel").asText()).isEqualTo("#sre-approvals");
    assertThat(post.body().path("text").asText())
        .isEqualTo("Approval needed: approve-restart-notify (run " + runId + ")");
    JsonNode blocks = post.body().path("blocks");
    String all = String.join("\n", texts(blocks));
    assertThat(all)
        .contains("*EngineApproveRestart* firing since")
        .contains("`deployment=web`")
        .contains("Restart web?")
        .contains("restart: restart Deployment engine/web (replicas 2)")
        .contains("sha256:")
        .contains("<@U0SRE0001>, group:sre · 1 needed · deadline <!date^")
        .contains("/api/v1/runs/" + runId + "|Run " + runId);
    List<JsonNode> buttons = new ArrayList<>();
    blocks.forEach(
        b -> {
          if (b.path("type").asText().equals("actions")) {
            b.path("elements").forEach(buttons::add);
          }
        });
    assertThat(buttons)
        .extracting(b -> b.path("action_id").asText())
        .containsExactly("remedy.approve", "remedy.reject");
    assertThat(buttons).extracting(b -> b.path("value").asText()).containsOnly(approvalId);

    Api.as("april")
        .contentType(ContentType.JSON)
        .body("{\"decision\": \"approve\"}")
        .post("/api/v1/approvals/" + approvalId + "/decision")
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        Api.asViewer().get("/api/v1/runs/" + runId).jsonPath().getString("status"))
                    .isEqualTo("succeeded"));
    messages.deliver();

    List<FakeSlackApi.Call> updates = FakeSlackApi.calls("chat.update");
    assertThat(updates).isNotEmpty();
    JsonNode update = updates.get(updates.size() - 1).body();
    assertThat(update.path("channel").asText()).isEqualTo("C0APPROVAL");
    assertThat(update.path("ts").asText())
        .isEqualTo(post.body().path("ts").asText(update.path("ts").asText()));
    assertThat(String.join("\n", texts(update.path("blocks"))))
        .contains("*Approved* by april (via the API)");
    update.path("blocks").forEach(b -> assertThat(b.path("type").asText()).isNotEqualTo("actions"));

    // The notify step went to the default channel: threaded under the approval message.
    List<FakeSlackApi.Call> notices =
        FakeSlackApi.calls("chat.postMessage").stream()
            .filter(c -> c.body().path("text").asText().equals("restarted web"))
            .toList();
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).body().path("thread_ts").asText())
        .isEqualTo(update.path("ts").asText());

    // The run's outcome, told in the same thread.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        FakeSlackApi.calls("chat.postMessage").stream()
                            .map(c -> c.body())
                            .filter(b -> b.path("text").asText().startsWith(":white_check_mark:"))
                            .toList())
                    .singleElement()
                    .satisfies(
                        b -> {
                          assertThat(b.path("text").asText())
                              .startsWith(
                                  ":white_check_mark: approve-restart-notify for engine/web"
                                      + " succeeded (<")
                              .contains("/api/v1/runs/" + runId + "|run " + runId + ">");
                          assertThat(b.path("thread_ts").asText())
                              .isEqualTo(update.path("ts").asText());
                        }));
  }

  @Test
  void aSuppressionIsToldOnceNotOncePerAlert() {
    server
        .getClient()
        .apps()
        .deployments()
        .inNamespace("engine")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("cache")
                .withNamespace("engine")
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewTemplate()
                .endTemplate()
                .endSpec()
                .build())
        .createOr(r -> r.update());
    for (int i = 0; i < 4; i++) {
      Webhook.post(
              Payloads.alert(
                  "firing",
                  "c0013" + i,
                  Instant.now().minusSeconds(30),
                  "alertname",
                  "EngineScale",
                  "deployment",
                  "cache"))
          .statusCode(202);
      if (i == 0) {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    Api.asViewer()
                            .get("/api/v1/runs?workflow=scale-guarded&status=succeeded")
                            .jsonPath()
                            .getList("items")
                            .size()
                        == 1);
      }
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        FakeSlackApi.calls("chat.postMessage").stream()
                            .map(c -> c.body().path("text").asText())
                            .filter(t -> t.startsWith(":no_entry:"))
                            .toList())
                    .singleElement()
                    .asString()
                    .startsWith(":no_entry: scale-guarded for cache suppressed by cooldown: "));
  }

  @Test
  void slackBeingDownDelaysTheMessageWithoutLosingItOrTheApproval() {
    alert("51ac0002");
    FakeSlackApi.next(new FakeSlackApi.Answer(500, "{\"ok\":false}", null));
    FakeSlackApi.next(
        new FakeSlackApi.Answer(200, "{\"ok\":false,\"error\":\"ratelimited\"}", "1"));

    messages.deliver();
    assertThat(FakeSlackApi.calls("chat.postMessage")).hasSize(1);
    messages.deliver();
    assertThat(FakeSlackApi.calls("chat.postMessage")).as("not due again yet").hasSize(1);

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              messages.deliver();
              assertThat(FakeSlackApi.calls("chat.postMessage")).hasSizeGreaterThanOrEqualTo(3);
            });
    int posted = FakeSlackApi.calls("chat.postMessage").size();
    messages.deliver();
    assertThat(FakeSlackApi.calls("chat.postMessage")).as("posted once it worked").hasSize(posted);
    assertThat(Api.asViewer().get("/api/v1/approvals?status=pending").jsonPath().getList(""))
        .hasSize(1);
  }

  private static io.restassured.response.ValidatableResponse click(
      String user, String action, String approvalId, String trigger) {
    String body = SlackPayloads.form(SlackPayloads.click(user, action, approvalId, trigger));
    long now = Instant.now().getEpochSecond();
    return io.restassured.RestAssured.given()
        .contentType("application/x-www-form-urlencoded")
        .body(body)
        .header("X-Slack-Request-Timestamp", Long.toString(now))
        .header(
            "X-Slack-Signature",
            new com.slack.api.app_backend.SlackSignature.Generator(FakeSlackApi.SIGNING_SECRET)
                .generate(Long.toString(now), body))
        .post("/webhooks/slack/interactions")
        .then();
  }

  /**
   * The whole loop through Slack: the message is posted, a signed click by someone not listed is
   * refused (told to them alone) and changes nothing, a signed click by a listed approver runs the
   * gated restart on the mock API server, and the message is updated to say who approved.
   */
  @Test
  void aSignedSlackClickByAListedApproverRunsTheGatedStepAndUpdatesTheMessage() {
    String runId = alert("51ac0003");
    String approvalId =
        Api.asViewer().get("/api/v1/approvals?status=pending").jsonPath().getString("[0].id");
    messages.deliver();

    click("U0EVE0001", ApprovalButtons.APPROVE, approvalId, "111.222.eve").statusCode(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(FakeSlackApi.calls("chat.postEphemeral"))
                    .singleElement()
                    .satisfies(
                        c -> {
                          assertThat(c.body().path("user").asText()).isEqualTo("U0EVE0001");
                          assertThat(c.body().path("text").asText())
                              .contains("is not an approver of this step");
                        }));
    assertThat(Api.asViewer().get("/api/v1/approvals/" + approvalId).jsonPath().getList("votes"))
        .isEmpty();

    click("U0SRE0001", ApprovalButtons.APPROVE, approvalId, "111.222.sre").statusCode(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        Api.asViewer().get("/api/v1/runs/" + runId).jsonPath().getString("status"))
                    .isEqualTo("succeeded"));
    assertThat(
            server
                .getClient()
                .apps()
                .deployments()
                .inNamespace("engine")
                .withName("web")
                .get()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations())
        .containsKey("kubectl.kubernetes.io/restartedAt");
    JsonPath approval = Api.asViewer().get("/api/v1/approvals/" + approvalId).jsonPath();
    assertThat(approval.getString("votes[0].approver")).isEqualTo("U0SRE0001");
    assertThat(approval.getString("votes[0].via")).isEqualTo("slack");
    auditShowsTheSlackClicks(runId, approvalId);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              messages.deliver();
              assertThat(FakeSlackApi.calls("chat.update")).isNotEmpty();
              JsonNode last =
                  FakeSlackApi.calls("chat.update")
                      .get(FakeSlackApi.calls("chat.update").size() - 1)
                      .body();
              assertThat(String.join("\n", texts(last.path("blocks"))))
                  .contains("*Approved* by <@U0SRE0001> (via Slack)");
            });
  }

  /**
   * The audit log of the test above: the request, then the refused click of the Slack user who is
   * not listed and the counted one of the approver, each with the Slack user as actor and Slack's
   * request id ({@code trigger_id}).
   */
  private static void auditShowsTheSlackClicks(String runId, String approvalId) {
    java.util.Map<String, Object> requested =
        AuditEvents.of("approval.requested", runId).stream().findFirst().orElseThrow();
    assertThat(AuditEvents.details(requested)).containsEntry("approval", approvalId);
    assertThat(AuditEvents.of("approval.refused", runId))
        .singleElement()
        .satisfies(
            refused -> {
              assertThat(refused.get("actor")).isEqualTo("slack:U0EVE0001");
              assertThat(AuditEvents.details(refused))
                  .containsEntry("approval", approvalId)
                  .containsEntry("via", "slack")
                  .containsEntry("requestId", "111.222.eve")
                  .containsEntry("refusal", "not-an-approver");
              assertThat(AuditEvents.seq(refused)).isGreaterThan(AuditEvents.seq(requested));
            });
    assertThat(AuditEvents.of("approval.decision", runId))
        .singleElement()
        .satisfies(
            decided -> {
              assertThat(decided.get("actor")).isEqualTo("slack:U0SRE0001");
              assertThat(AuditEvents.details(decided))
                  .containsEntry("approval", approvalId)
                  .containsEntry("approve", true)
                  .containsEntry("via", "slack")
                  .containsEntry("requestId", "111.222.sre")
                  .containsEntry("outcome", "approved");
              assertThat(AuditEvents.seq(decided)).isGreaterThan(AuditEvents.seq(requested));
            });
    AuditEvents.assertChainValid();
  }

  /** No decision by the deadline: the run expires, the message says so, a late click is refused. */
  @Test
  void anApprovalNobodyDecidesExpiresAndALateClickIsRefused() {
    String runId =
        JsonPath.from(
                Webhook.post(
                        Payloads.alert(
                            "firing",
                            "e0e0e001",
                            Instant.now().minusSeconds(30),
                            "alertname",
                            "EngineApproveExpire",
                            "deployment",
                            "web"))
                    .statusCode(202)
                    .extract()
                    .asString())
            .getString("runs[0].id");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !Api.asViewer()
                    .get("/api/v1/approvals?status=pending")
                    .jsonPath()
                    .getList("")
                    .isEmpty());
    String approvalId =
        Api.asViewer().get("/api/v1/approvals?status=pending").jsonPath().getString("[0].id");
    messages.deliver();
    assertThat(FakeSlackApi.calls("chat.postMessage")).hasSize(1);

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        Api.asViewer().get("/api/v1/runs/" + runId).jsonPath().getString("status"))
                    .isEqualTo("expired"));
    assertThat(Api.asViewer().get("/api/v1/approvals/" + approvalId).jsonPath().getString("status"))
        .isEqualTo("expired");
    assertThat(AuditEvents.of("approval.expired", runId))
        .singleElement()
        .satisfies(
            expired -> {
              assertThat(expired.get("actor")).isEqualTo("system");
              assertThat(AuditEvents.details(expired))
                  .containsEntry("approval", approvalId)
                  .containsEntry("outcome", "expired");
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              messages.deliver();
              assertThat(FakeSlackApi.calls("chat.update")).isNotEmpty();
              JsonNode last =
                  FakeSlackApi.calls("chat.update")
                      .get(FakeSlackApi.calls("chat.update").size() - 1)
                      .body();
              assertThat(String.join("\n", texts(last.path("blocks"))))
                  .contains("*Expired* without a decision");
            });

    click("U0SRE0001", ApprovalButtons.APPROVE, approvalId, "333.444.late").statusCode(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(FakeSlackApi.calls("chat.postEphemeral"))
                    .singleElement()
                    .satisfies(
                        c ->
                            assertThat(c.body().path("text").asText())
                                .contains("this approval expired at")));
    assertThat(AuditEvents.of("approval.refused", runId))
        .singleElement()
        .satisfies(
            late -> {
              assertThat(late.get("actor")).isEqualTo("slack:U0SRE0001");
              assertThat(AuditEvents.details(late))
                  .containsEntry("requestId", "333.444.late")
                  .containsEntry("refusal", "expired");
            });
    AuditEvents.assertChainValid();
    assertThat(
            server
                .getClient()
                .apps()
                .deployments()
                .inNamespace("engine")
                .withName("web")
                .get()
                .getSpec()
                .getTemplate()
                .getMetadata())
        .satisfies(
            m ->
                assertThat(
                        m == null || m.getAnnotations() == null
                            ? java.util.Map.of()
                            : m.getAnnotations())
                    .doesNotContainKey("kubectl.kubernetes.io/restartedAt"));
  }
}
