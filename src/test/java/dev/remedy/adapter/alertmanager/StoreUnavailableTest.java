package dev.remedy.adapter.alertmanager;

import static dev.remedy.testsupport.Fixtures.FIRING_TWO_ALERTS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.remedy.testsupport.Fixtures;
import dev.remedy.testsupport.Webhook;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * With the database unreachable the webhook answers 503 (Alertmanager retries 5xx, and drops a
 * notification answered with any 4xx), and readiness reports the service not ready.
 */
@QuarkusTest
@TestProfile(StoreUnavailableTest.DatabaseDown.class)
class StoreUnavailableTest {

  /** Points the datasource at a port where nothing listens; skips the start-up migration. */
  public static class DatabaseDown implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      String kind =
          ConfigProvider.getConfig()
              .getOptionalValue("quarkus.datasource.db-kind", String.class)
              .orElse("h2");
      String url =
          kind.equals("postgresql")
              ? "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2"
              : "jdbc:h2:tcp://127.0.0.1:1/none";
      return Map.of(
          "quarkus.datasource.jdbc.url", url,
          "quarkus.datasource.jdbc.acquisition-timeout", "2S",
          "quarkus.flyway.migrate-at-start", "false",
          "quarkus.flyway.clean-at-start", "false",
          "quarkus.hibernate-orm.schema-management.strategy", "none");
    }
  }

  @Test
  void webhookAnswers503WithRetryAfter() {
    Webhook.post(Fixtures.read(FIRING_TWO_ALERTS))
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", equalTo("5"))
        .body("type", equalTo("urn:remedy:problem:store-unavailable"));
  }

  @Test
  void failureIsCountedAsStoreUnavailable() {
    Webhook.post(Fixtures.read(FIRING_TWO_ALERTS)).statusCode(503);
    given()
        .get("/q/metrics")
        .then()
        .body(containsString("remedy_notifications_total{outcome=\"store_unavailable\"}"));
  }

  @Test
  void readinessIsDown() {
    given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
  }

  @Test
  void livenessStaysUp() {
    given().get("/q/health/live").then().statusCode(200);
  }
}
