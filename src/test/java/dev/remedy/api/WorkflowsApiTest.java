package dev.remedy.api;

import static dev.remedy.testsupport.Api.asOperator;
import static dev.remedy.testsupport.Api.asViewer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.remedy.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The catalog API over the example workflows in {@code workflows/}. */
@QuarkusTest
class WorkflowsApiTest {

  private static final String RESTART = "restart-crashlooping-deployment";

  @Test
  void listsEveryExampleAsValidWithItsVersion() {
    asViewer()
        .get("/api/v1/workflows")
        .then()
        .statusCode(200)
        .body("invalidFiles", equalTo(0))
        .body("workflows.name", hasItems(RESTART, "rotate-leaked-database-password"))
        .body("workflows.status", everyItem(equalTo("valid")))
        .body("workflows.version", everyItem(startsWith("sha256:")))
        .body(
            "workflows.find { it.name == '" + RESTART + "' }.file",
            equalTo("workflows/" + RESTART + ".yaml"));
  }

  @Test
  void showsOneWorkflow() {
    asViewer()
        .get("/api/v1/workflows/" + RESTART)
        .then()
        .statusCode(200)
        .body("matchers", hasItem("alertname=\"KubePodCrashLooping\""))
        .body("dedupKey", equalTo("{{ labels.namespace }}/{{ labels.deployment }}"))
        .body("steps.kind", contains("approval", "restart", "waitForRollout"))
        .body("guards.maxConcurrentRuns", equalTo(5));
    asViewer()
        .get("/api/v1/workflows/no-such-workflow")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:remedy:problem:workflow-not-found"));
  }

  @Test
  void validatesYamlAndPointsAtEachError() {
    String yaml =
        """
        apiVersion: remedy/v1
        kind: Workflow
        metadata:
          name: broken
        spec:
          matchers: [ 'alertname == X' ]
          steps:
            - id: s
              action: restart
              target: { kind: Deploymnt, namespace: a, name: b }
        """;
    asViewer()
        .contentType("application/yaml")
        .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/workflows/validate")
        .then()
        .statusCode(200)
        .body("valid", equalTo(false))
        .body("errors.field", hasItems("spec.matchers[0]", "spec.steps[0].target.kind"))
        .body("errors.text", hasItem(startsWith("<request>:10:")))
        .body(
            "errors.text",
            hasItem(
                containsString(
                    "spec.steps[0].target.kind: unknown kind \"Deploymnt\" (expected one of"
                        + " Deployment, StatefulSet, DaemonSet, Pod)")));
  }

  @Test
  void validatesAGoodFileAndChecksItsNameWhenGiven() {
    String yaml = Fixtures.readFile("workflows/" + RESTART + ".yaml");
    asViewer()
        .contentType("application/yaml")
        .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/workflows/validate")
        .then()
        .statusCode(200)
        .body("valid", equalTo(true))
        .body("workflow", equalTo(RESTART))
        .body("digest", startsWith("sha256:"));
    asViewer()
        .contentType("application/yaml")
        .queryParam("file", "other-name.yaml")
        .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/workflows/validate")
        .then()
        .statusCode(200)
        .body("valid", equalTo(false))
        .body("errors.field", hasItem("metadata.name"));
  }

  @Test
  void servesTheSchemaWithoutAuthentication() {
    given()
        .get("/api/v1/workflows/schema")
        .then()
        .statusCode(200)
        .contentType(containsString("application/schema+json"))
        .body("$schema", containsString("2020-12"));
  }

  @Test
  void reloadIsForOperators() {
    asViewer().post("/api/v1/workflows/reload").then().statusCode(403);
    asOperator()
        .post("/api/v1/workflows/reload")
        .then()
        .statusCode(200)
        .body("workflows.name", hasItem(RESTART));
    given().post("/api/v1/workflows/reload").then().statusCode(401);
  }

  @Test
  void simulatesANotificationWithoutStoringAnything() {
    asViewer()
        .contentType("application/json")
        .body(Fixtures.read(Fixtures.KUBE_POD_CRASH_LOOPING))
        .post("/api/v1/simulate")
        .then()
        .statusCode(200)
        .body("alerts", org.hamcrest.Matchers.hasSize(2))
        .body("alerts[0].status", equalTo("firing"))
        .body("alerts[0].matched.workflow", contains(RESTART))
        .body("alerts[0].matched[0].dedupKey", equalTo("prod/api"))
        .body("alerts[0].matched[0].params.deployment", equalTo("api"))
        .body("alerts[0].matched[0].steps.kind", contains("approval", "restart", "waitForRollout"))
        .body("alerts[0].matched[0].steps[1].details.target.name", equalTo("api"))
        .body("alerts[1].matched[0].dedupKey", equalTo("prod/web"))
        .body("alerts[0].notMatched.workflow", not(hasItem(RESTART)))
        .body(
            "alerts[0].notMatched.find { it.workflow == 'scale-up-on-high-latency' }.failing",
            hasItem(startsWith("alertname=")));
  }

  @Test
  void refusesAPayloadThatIsNotANotification() {
    asViewer()
        .contentType("application/json")
        .body("{\"alerts\": 3}")
        .post("/api/v1/simulate")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }
}
