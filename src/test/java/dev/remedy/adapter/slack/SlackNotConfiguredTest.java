package dev.remedy.adapter.slack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without a signing secret (the default), Slack interactions are refused, saying why. */
@QuarkusTest
class SlackNotConfiguredTest {

  @Test
  void withoutASigningSecretEveryInteractionIs503() {
    given()
        .contentType(SlackPayloads.FORM)
        .header("X-Slack-Request-Timestamp", "1700000000")
        .header("X-Slack-Signature", "v0=00")
        .body("payload=%7B%7D")
        .post("/webhooks/slack/interactions")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:remedy:problem:slack-not-configured"))
        .body("detail", containsString("remedy.slack.signing-secret"));
  }
}
