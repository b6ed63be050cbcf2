package dev.remedy.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.remedy.approval.ApprovalStatus;
import dev.remedy.approval.ApprovalStore;
import dev.remedy.testsupport.Api;
import dev.remedy.testsupport.AuditEvents;
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
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Approvals end to end through the REST path: alert → run waits on an approval with the plan of the
 * scale it gates → decisions by the authenticated principals under the policy → the scale runs on
 * the mock Kubernetes API; and the refusals (role, not an approver, twice), a rejection, and a plan
 * that changed before the decision.
 */
@QuarkusTest
@TestProfile(EngineProfile.class)
@WithKubernetesTestServer(crud = true)
class ApprovalFlowTest {

  @KubernetesTestServer KubernetesServer server;
  @Inject TestDatabase database;
  @Inject ApprovalStore approvals;

  private KubernetesClient kube;

  @BeforeEach
  void clean() {
    database.clear();
    kube = server.getClient();
    Deployment d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("app")
            .withNamespace("engine")
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .withNewTemplate()
            .endTemplate()
            .endSpec()
            .build();
    kube.apps().deployments().inNamespace("engine").resource(d).createOr(r -> r.update());
  }

  private int replicas() {
    return kube.apps()
        .deployments()
        .inNamespace("engine")
        .withName("app")
        .get()
        .getSpec()
        .getReplicas();
  }

  private static JsonPath run(String id) {
    return Api.asViewer().get("/api/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
  }

  /** Posts the alert and waits until its run waits on the approval; answers the approval. */
  private JsonPath waitingApproval(String fingerprint) {
    String runId =
        JsonPath.from(
                Webhook.post(
                        Payloads.alert(
                            "firing",
                            fingerprint,
                            Instant.now().minusSeconds(30),
                            "alertname",
                            "EngineApproveScale",
                            "namespace",
                            "engine",
                            "deployment",
                            "app"))
                    .statusCode(202)
                    .extract()
                    .asString())
            .getString("runs[0].id");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(run(runId).getString("status")).isEqualTo("waiting"));
    JsonPath pending =
        Api.asViewer()
            .get("/api/v1/approvals?status=pending")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(pending.getList("")).hasSize(1);
    assertThat(pending.getString("[0].runId")).isEqualTo(runId);
    return JsonPath.from(pending.prettify()).setRootPath("[0]");
  }

  private static io.restassured.response.ValidatableResponse decide(
      String user, String approvalId, String decision) {
    return Api.as(user)
        .contentType(ContentType.JSON)
        .body("{\"decision\": \"" + decision + "\", \"comment\": \"from the test\"}")
        .post("/api/v1/approvals/" + approvalId + "/decision")
        .then();
  }

  @Test
  void aQuorumOfListedApproversLetsTheGatedScaleRun() {
    JsonPath approval = waitingApproval("a9910001");
    String id = approval.getString("id");
    String runId = approval.getString("runId");
    assertThat(approval.getString("message")).isEqualTo("Scale app to 4?");
    assertThat(approval.getList("plan"))
        .containsExactly("scale: scale Deployment engine/app: replicas 2 → 4");
    assertThat(approval.getString("planDigest")).startsWith("sha256:");
    assertThat(approval.getInt("quorum")).isEqualTo(2);

    decide("vera", id, "approve").statusCode(403);
    decide("ada", id, "approve")
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:remedy:problem:approval-not-an-approver"));
    decide("april", id, "approve")
        .statusCode(200)
        .body("status", equalTo("pending"))
        .body("approvals", equalTo(1))
        .body("quorum", equalTo(2));
    decide("april", id, "approve")
        .statusCode(409)
        .body("type", equalTo("urn:remedy:problem:approval-already-voted"));
    assertThat(replicas()).isEqualTo(2);

    decide("abe", id, "approve").statusCode(200).body("status", equalTo("approved"));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(run(runId).getString("status")).isEqualTo("succeeded"));
    assertThat(replicas()).isEqualTo(4);
    JsonPath decided =
        Api.asViewer().get("/api/v1/approvals/" + id).then().statusCode(200).extract().jsonPath();
    assertThat(decided.getString("status")).isEqualTo("approved");
    assertThat(decided.getList("votes.approver")).containsExactly("april", "abe");
    assertThat(decided.getList("votes.via")).containsOnly("api");
    assertThat(run(runId).getString("steps[0].outputs.planDigest"))
        .isEqualTo(approval.getString("planDigest"));
    assertThat(run(runId).getString("approvals[0].id")).isEqualTo(id);
    assertThat(run(runId).getString("approvals[0].status")).isEqualTo("approved");
    assertThat(run(runId).getList("approvals[0].plan")).isEqualTo(approval.getList("plan"));
    String metrics =
        io.restassured.RestAssured.given().get("/q/metrics").then().extract().asString();
    assertThat(metrics)
        .contains("remedy_approvals_total{outcome=\"approved\"}")
        .contains("remedy_approval_wait_seconds_count");
    decide("abe", id, "reject")
        .statusCode(409)
        .body("type", equalTo("urn:remedy:problem:approval-already-decided"));
    auditShowsTheRequestEveryCountedDecisionAndEveryRefusal(approval);
  }

  /** The audit log of the test above, in the transactions of the changes. */
  private static void auditShowsTheRequestEveryCountedDecisionAndEveryRefusal(JsonPath approval) {
    String id = approval.getString("id");
    String runId = approval.getString("runId");
    Map<String, Object> requested =
        AuditEvents.of("approval.requested", runId).stream().findFirst().orElseThrow();
    assertThat(requested.get("actor")).isEqualTo("system");
    assertThat(AuditEvents.workflow(requested).get("name"))
        .isEqualTo(approval.getString("workflow"));
    assertThat(AuditEvents.workflow(requested).get("digest").toString()).startsWith("sha256:");
    assertThat(AuditEvents.details(requested))
        .containsEntry("approval", id)
        .containsEntry("step", approval.getString("step"))
        .containsEntry("planDigest", approval.getString("planDigest"))
        .containsEntry("approvers", approval.getList("approvers"))
        .containsEntry("quorum", 2);
    assertThat(Instant.parse(AuditEvents.details(requested).get("deadline").toString()))
        .isEqualTo(Instant.parse(approval.getString("deadline")).truncatedTo(ChronoUnit.MILLIS));

    List<Map<String, Object>> decisions = AuditEvents.of("approval.decision", runId).reversed();
    assertThat(decisions).extracting(e -> e.get("actor")).containsExactly("user:april", "user:abe");
    assertThat(decisions)
        .extracting(e -> AuditEvents.details(e).get("outcome"))
        .containsExactly("pending", "approved");
    assertThat(decisions)
        .allSatisfy(
            e -> {
              assertThat(AuditEvents.details(e))
                  .containsEntry("approval", id)
                  .containsEntry("approve", true)
                  .containsEntry("via", "api");
              assertThat(AuditEvents.details(e).get("requestId").toString()).startsWith("api-");
              assertThat(AuditEvents.seq(e)).isGreaterThan(AuditEvents.seq(requested));
            });

    List<Map<String, Object>> refusals = AuditEvents.of("approval.refused", runId).reversed();
    assertThat(refusals)
        .extracting(e -> e.get("actor"))
        .containsExactly("user:ada", "user:april", "user:abe");
    assertThat(refusals)
        .extracting(e -> AuditEvents.details(e).get("refusal"))
        .containsExactly("not-an-approver", "already-voted", "already-decided");
    assertThat(AuditEvents.details(refusals.getLast())).containsEntry("approve", false);
    assertThat(AuditEvents.of("approval.expired", runId)).isEmpty();
    AuditEvents.assertChainValid();
  }

  /** The engine's last word at the deadline ({@code onTimeout: approve}) is audited as expiry. */
  @Test
  void anApprovalApprovedByItsTimeoutIsAuditedAsExpired() {
    JsonPath approval = waitingApproval("a9910004");
    String runId = approval.getString("runId");
    Instant deadline = Instant.parse(approval.getString("deadline"));
    assertThat(
            approvals.settle(runId, approval.getString("step"), ApprovalStatus.APPROVED, deadline))
        .isTrue();
    assertThat(AuditEvents.of("approval.expired", runId))
        .singleElement()
        .satisfies(
            e ->
                assertThat(AuditEvents.details(e))
                    .containsEntry("approval", approval.getString("id"))
                    .containsEntry("step", approval.getString("step"))
                    .containsEntry("outcome", "approved"));
    AuditEvents.assertChainValid();
    // The engine saw the settled approval; end the run so that no worker holds it past the test.
    Api.asOperator().post("/api/v1/runs/" + runId + "/cancel").then().statusCode(202);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(run(runId).getString("status")).isEqualTo("cancelled"));
  }

  @Test
  void cancellingARunWaitingForApprovalCancelsTheApproval() {
    JsonPath approval = waitingApproval("a9910005");
    String runId = approval.getString("runId");
    Api.asOperator().post("/api/v1/runs/" + runId + "/cancel").then().statusCode(202);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(run(runId).getString("status")).isEqualTo("cancelled"));
    Api.asViewer()
        .get("/api/v1/approvals/" + approval.getString("id"))
        .then()
        .statusCode(200)
        .body("status", equalTo("cancelled"));
    decide("april", approval.getString("id"), "approve").statusCode(409);
    assertThat(replicas()).isEqualTo(2);
  }

  @Test
  void aRejectionEndsTheRunAndNothingChanges() {
    JsonPath approval = waitingApproval("a9910002");
    decide("april", approval.getString("id"), "reject")
        .statusCode(200)
        .body("status", equalTo("rejected"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(run(approval.getString("runId")).getString("status"))
                    .isEqualTo("rejected"));
    assertThat(replicas()).isEqualTo(2);
  }

  @Test
  void aPlanThatChangedBeforeTheDecisionIsNotExecuted() {
    JsonPath approval = waitingApproval("a9910003");
    Deployment d = kube.apps().deployments().inNamespace("engine").withName("app").get();
    d.getSpec().setReplicas(3);
    kube.apps().deployments().inNamespace("engine").resource(d).update();

    decide("april", approval.getString("id"), "approve").statusCode(200);
    decide("abe", approval.getString("id"), "approve").statusCode(200);

    String runId = approval.getString("runId");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(run(runId).getString("status")).isEqualTo("failed"));
    assertThat(run(runId).getString("failure.reason")).isEqualTo("plan-changed");
    assertThat(run(runId).getString("failure.message")).contains("replicas 3 → 4");
    assertThat(replicas()).isEqualTo(3);
  }

  @Test
  void unknownApprovalsAndBadRequestsAreProblems() {
    decide("april", "no-such-approval", "approve")
        .statusCode(404)
        .body("type", equalTo("urn:remedy:problem:approval-not-found"));
    decide("april", "no-such-approval", "maybe").statusCode(400);
    Api.asViewer().get("/api/v1/approvals?status=sideways").then().statusCode(400);
  }
}
