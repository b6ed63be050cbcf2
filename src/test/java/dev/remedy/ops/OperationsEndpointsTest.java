package dev.remedy.ops;

import static dev.remedy.testsupport.Fixtures.FIRING_TWO_ALERTS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.remedy.testsupport.Fixtures;
import dev.remedy.testsupport.Webhook;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, metrics, OpenAPI and limits that operators and Alertmanager rely on. */
@QuarkusTest
class OperationsEndpointsTest {

  @Test
  void readinessChecksTheDatabase() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem(containsString("Database")));
  }

  @Test
  void metricsExposeIngestCountersAndHttpHistograms() {
    Webhook.post(Fixtures.read(FIRING_TWO_ALERTS)).statusCode(202);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("remedy_alerts_received_total{status=\"firing\"}"))
        .body(containsString("remedy_notifications_total{outcome=\"accepted\"}"))
        .body(containsString("http_server_requests_seconds_bucket"));
  }

  @Test
  void openApiDescribesTheWebhookAndTheApi() {
    given()
        .accept("application/json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/webhooks/alertmanager"))
        .body(containsString("/api/v1/alerts"));
    given().get("/q/swagger-ui/").then().statusCode(200);
  }

  @Test
  void unknownPathIsProblemJson() {
    given().get("/api/v1/nothing-here").then().statusCode(404);
  }

  @Test
  void benchmarkCeilingEndpointIsOffUnlessEnabled() {
    given()
        .body("{}")
        .post("/bench/noop")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
