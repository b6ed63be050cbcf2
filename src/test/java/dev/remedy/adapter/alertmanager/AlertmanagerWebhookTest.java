package dev.remedy.adapter.alertmanager;

import static dev.remedy.testsupport.Api.asViewer;
import static dev.remedy.testsupport.Fixtures.FIRING_TWO_ALERTS;
import static dev.remedy.testsupport.Fixtures.RESOLVED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.remedy.testsupport.Fixtures;
import dev.remedy.testsupport.TestDatabase;
import dev.remedy.testsupport.Webhook;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook contract of http-api.md, driven by payloads captured from Alertmanager 0.25. */
@QuarkusTest
class AlertmanagerWebhookTest {

  private static final String PROBLEM_JSON = "application/problem+json";

  @Inject TestDatabase database;

  @BeforeEach
  void emptyStore() {
    database.clear();
  }

  @Test
  void firingNotificationWithTwoAlertsIsStoredWithEveryField() {
    Webhook.post(Fixtures.read(FIRING_TWO_ALERTS))
        .statusCode(202)
        .contentType(ContentType.JSON)
        .body("alerts", equalTo(2))
        .body("newAlertStates", equalTo(2))
        .body("duplicateDelivery", equalTo(false))
        .body("runs", hasSize(0))
        .body("duplicates", equalTo(0))
        .body("suppressed", equalTo(0));

    asViewer()
        .get("/api/v1/alerts?fingerprint=f63f2dd2eba6dbcb")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].status", equalTo("firing"))
        .body("items[0].labels.alertname", equalTo("PodCrashLooping"))
        .body("items[0].labels.deployment", equalTo("web"))
        .body("items[0].labels.namespace", equalTo("prod"))
        .body("items[0].annotations.runbook", equalTo("restart-deployment"))
        .body("items[0].startsAt", equalTo("2026-11-26T23:38:08.806779Z"))
        .body("items[0].endsAt", nullValue())
        .body(
            "items[0].generatorURL",
            equalTo("http://prometheus.example:9090/graph?g0.expr=kube_pod_restarts"))
        .body("items[0].receiver", equalTo("remediator"))
        .body(
            "items[0].groupKey", equalTo("{}:{alertname=\"PodCrashLooping\", namespace=\"prod\"}"));
    assertThat(database.count("notification")).isEqualTo(1);
    assertThat(database.count("alert")).isEqualTo(2);
  }

  @Test
  void sameNotificationDeliveredTwiceStoresNoSecondCopy() {
    String firing = Fixtures.read(FIRING_TWO_ALERTS);
    Webhook.post(firing).statusCode(202).body("duplicateDelivery", equalTo(false));
    Webhook.post(firing)
        .statusCode(202)
        .body("duplicateDelivery", equalTo(true))
        .body("newAlertStates", equalTo(0));

    assertThat(database.count("notification")).isEqualTo(1);
    assertThat(database.count("alert")).isEqualTo(2);
  }

  @Test
  void repeatIntervalResendWithChangedAnnotationsIsTheSameAlertState() {
    Webhook.post(Fixtures.read(FIRING_TWO_ALERTS)).statusCode(202);
    String resend =
        Fixtures.read(FIRING_TWO_ALERTS)
            .replace("Pod api-xyz is crash looping", "Pod api-xyz restarted 12 times");

    Webhook.post(resend)
        .statusCode(202)
        .body("duplicateDelivery", equalTo(true))
        .body("newAlertStates", equalTo(0));

    assertThat(database.count("notification")).isEqualTo(1);
    assertThat(database.count("alert")).isEqualTo(2);
  }

  @Test
  void resolvedNotificationStoresTheResolvedState() {
    Webhook.post(Fixtures.read(FIRING_TWO_ALERTS)).statusCode(202);
    Webhook.post(Fixtures.read(RESOLVED)).statusCode(202).body("newAlertStates", equalTo(1));

    asViewer()
        .get("/api/v1/alerts?fingerprint=09e34952d0b2d15d")
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("items[0].status", equalTo("resolved"))
        .body("items[0].endsAt", equalTo("2026-11-26T23:38:27Z"))
        .body("items[1].status", equalTo("firing"));
  }

  @Test
  void unknownFieldsOfNewerAlertmanagersAreIgnored() {
    String newer =
        Fixtures.read(FIRING_TWO_ALERTS)
            .replace(
                "\"version\":\"4\"",
                "\"version\":\"4\",\"notification_reason\":\"repeat\",\"routeLabels\":{\"team\":\"sre\"}");
    Webhook.post(newer).statusCode(202).body("alerts", equalTo(2));
  }

  @Test
  void truncatedAlertsAreReportedAndCounted() {
    String truncated =
        Fixtures.read(FIRING_TWO_ALERTS).replace("\"truncatedAlerts\":0", "\"truncatedAlerts\":3");
    Webhook.post(truncated).statusCode(202).body("truncatedAlerts", equalTo(3));

    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("remedy_alerts_truncated_total"))
        .body(not(containsString("remedy_alerts_truncated_total 0.0")));
  }

  @Test
  void missingTokenIsRefused() {
    given()
        .contentType(ContentType.JSON)
        .body(Fixtures.read(FIRING_TWO_ALERTS))
        .post(Webhook.PATH)
        .then()
        .statusCode(401)
        .contentType(PROBLEM_JSON)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("type", equalTo("urn:remedy:problem:unauthorized"))
        .body("detail", not(containsString(Webhook.TOKEN)));
    assertThat(database.count("notification")).isZero();
  }

  @Test
  void wrongBearerTokenIsRefused() {
    postAuthorizedAs("Bearer test-tokeN").statusCode(401);
  }

  @Test
  void basicAuthWithTheTokenAsPasswordIsAccepted() {
    String basic =
        Base64.getEncoder()
            .encodeToString(("alertmanager:" + Webhook.TOKEN).getBytes(StandardCharsets.UTF_8));
    postAuthorizedAs("Basic " + basic).statusCode(202);
  }

  @Test
  void basicAuthWithAnotherPasswordIsRefused() {
    String basic =
        Base64.getEncoder().encodeToString("alertmanager:guess".getBytes(StandardCharsets.UTF_8));
    postAuthorizedAs("Basic " + basic).statusCode(401);
  }

  @Test
  void nonJsonBodyIs415() {
    given()
        .contentType(ContentType.TEXT)
        .header("Authorization", "Bearer " + Webhook.TOKEN)
        .body(Fixtures.read(FIRING_TWO_ALERTS))
        .post(Webhook.PATH)
        .then()
        .statusCode(415)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("urn:remedy:problem:unsupported-media-type"));
  }

  @Test
  void bodyOverMaxBodyIs413() {
    String padding = "x".repeat(1024 * 1024);
    String huge =
        Fixtures.read(FIRING_TWO_ALERTS)
            .replace(
                "\"commonAnnotations\":{}", "\"commonAnnotations\":{\"pad\":\"" + padding + "\"}");
    Webhook.post(huge)
        .statusCode(413)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("urn:remedy:problem:payload-too-large"))
        .body("limit", equalTo(1024 * 1024));
    assertThat(database.count("notification")).isZero();
  }

  @Test
  void malformedJsonIs400() {
    Webhook.post("{\"version\":\"4\",")
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("urn:remedy:problem:invalid-payload"))
        .body("detail", containsString("malformed JSON"));
  }

  @Test
  void missingFingerprintIs400NamingTheField() {
    String noFingerprint =
        Fixtures.read(FIRING_TWO_ALERTS).replace(",\"fingerprint\":\"f63f2dd2eba6dbcb\"", "");
    Webhook.post(noFingerprint)
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("field", equalTo("alerts[1].fingerprint"))
        .body("detail", startsWith("alerts[1].fingerprint: "));
    assertThat(database.count("alert")).isZero();
  }

  @Test
  void aReceiverLongerThanTheStoreKeepsIs400NotARetriedFailure() {
    String longReceiver =
        Fixtures.read(FIRING_TWO_ALERTS)
            .replaceFirst("\"receiver\":\"[^\"]*\"", "\"receiver\":\"" + "r".repeat(1025) + "\"");
    Webhook.post(longReceiver)
        .statusCode(400)
        .body("field", equalTo("receiver"))
        .body("detail", startsWith("receiver: "));
    assertThat(database.count("alert")).isZero();
  }

  @Test
  void badTimestampIs400NamingTheField() {
    String badTime =
        Fixtures.read(FIRING_TWO_ALERTS)
            .replace("\"2026-11-26T23:38:08.815460583Z\"", "\"yesterday\"");
    Webhook.post(badTime)
        .statusCode(400)
        .body("field", equalTo("alerts[0].startsAt"))
        .body("detail", equalTo("alerts[0].startsAt: not an RFC 3339 timestamp"));
  }

  @Test
  void otherPayloadVersionIs400() {
    Webhook.post(Fixtures.read(FIRING_TWO_ALERTS).replace("\"version\":\"4\"", "\"version\":\"3\""))
        .statusCode(400)
        .body("field", equalTo("version"));
  }

  @Test
  void wrongJsonTypeIs400NamingTheField() {
    Webhook.post(
            Fixtures.read(FIRING_TWO_ALERTS)
                .replace("\"alerts\":[", "\"alerts\":{\"x\":[")
                .replace("],\"groupLabels\"", "]},\"groupLabels\""))
        .statusCode(400)
        .body("field", equalTo("alerts"));
  }

  @Test
  void invalidInputLosesNothingAlreadyAccepted() {
    Webhook.post(Fixtures.read(FIRING_TWO_ALERTS)).statusCode(202);
    Webhook.post("not json").statusCode(400);
    assertThat(database.count("alert")).isEqualTo(2);
  }

  private static io.restassured.response.ValidatableResponse postAuthorizedAs(
      String authorization) {
    return given()
        .contentType(ContentType.JSON)
        .header("Authorization", authorization)
        .body(Fixtures.read(FIRING_TWO_ALERTS))
        .post(Webhook.PATH)
        .then();
  }
}
