package dev.remedy.adapter.alertmanager;

import static dev.remedy.testsupport.Fixtures.FIRING_TWO_ALERTS;
import static dev.remedy.testsupport.Fixtures.RESOLVED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.remedy.testsupport.Fixtures;
import dev.remedy.testsupport.Webhook;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The webhook against the packaged application: the fast-jar here, the native binary when built
 * with {@code -Dnative} (see the README), so JSON binding, validation and persistence are proven to
 * work without the test classpath's help.
 */
@QuarkusIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookIT {

  @Test
  @Order(1)
  void storesAFiringNotificationAndReadsItBack() {
    Webhook.post(Fixtures.read(FIRING_TWO_ALERTS))
        .statusCode(202)
        .body("alerts", equalTo(2))
        .body("newAlertStates", equalTo(2));
    given()
        .auth()
        .preemptive()
        .basic("vera", "vera-pw")
        .get("/api/v1/alerts?fingerprint=09e34952d0b2d15d")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].labels.deployment", equalTo("api"));
  }

  @Test
  @Order(2)
  void duplicateDeliveryStoresNothingNew() {
    Webhook.post(Fixtures.read(FIRING_TWO_ALERTS))
        .statusCode(202)
        .body("duplicateDelivery", equalTo(true))
        .body("newAlertStates", equalTo(0));
  }

  @Test
  @Order(3)
  void resolvedIsStored() {
    Webhook.post(Fixtures.read(RESOLVED)).statusCode(202).body("newAlertStates", equalTo(1));
  }

  @Test
  @Order(4)
  void invalidPayloadNamesTheField() {
    Webhook.post(Fixtures.read(RESOLVED).replace("\"version\":\"4\"", "\"version\":\"5\""))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("version"));
  }

  @Test
  @Order(5)
  void healthAndMetricsAreServed() {
    given().get("/q/health/ready").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
  }
}
