package dev.remedy.adapter.slack;

import static dev.remedy.adapter.slack.SlackPayloads.BODY_MARKER;
import static dev.remedy.adapter.slack.SlackPayloads.FORM;
import static dev.remedy.adapter.slack.SlackPayloads.click;
import static dev.remedy.adapter.slack.SlackPayloads.form;
import static dev.remedy.adapter.slack.SlackProfile.BOT_TOKEN;
import static dev.remedy.adapter.slack.SlackProfile.PREVIOUS_SECRET;
import static dev.remedy.adapter.slack.SlackProfile.SECRET;
import static dev.remedy.adapter.slack.SlackProfile.TEAM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import com.slack.api.app_backend.SlackSignature;
import dev.remedy.adapter.slack.FakeSlackWebApi.Call;
import dev.remedy.approval.Decision;
import dev.remedy.approval.Refusal;
import dev.remedy.approval.Voter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The interactivity endpoint over HTTP, signed as Slack signs (Slack's own generator): the 200
 * before the decision, the decision the approval use case receives, refusals told in Slack through
 * a fake Web API, and every request that must be refused.
 */
@QuarkusTest
@TestProfile(SlackProfile.class)
class SlackInteractionsTest {

  private static final String PATH = "/webhooks/slack/interactions";
  private static final Duration AT_MOST = Duration.ofSeconds(10);
  private static final AtomicInteger TRIGGERS = new AtomicInteger();

  @Inject RecordingApprovalDecisions decisions;

  private static String approval() {
    return UUID.randomUUID().toString();
  }

  private static String trigger() {
    return "7000000" + TRIGGERS.incrementAndGet() + ".47445629121.803a0bc887a14d10d2c447fce8b6703c";
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static String signature(String secret, long timestamp, String body) {
    return new SlackSignature.Generator(secret).generate(Long.toString(timestamp), body);
  }

  private static RequestSpecification request(String contentType, String body) {
    return given()
        .config(
            RestAssured.config()
                .encoderConfig(
                    EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
        .contentType(contentType)
        .body(body);
  }

  private static ValidatableResponse post(String body, long timestamp, String secret) {
    return request(FORM, body)
        .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
        .header("X-Slack-Signature", signature(secret, timestamp, body))
        .post(PATH)
        .then();
  }

  private static ValidatableResponse post(String body) {
    return post(body, now(), SECRET);
  }

  private static void refusedWith(ValidatableResponse response, int status, String type) {
    response
        .statusCode(status)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:remedy:problem:" + type))
        .body("status", equalTo(status));
  }

  private static List<Call> ephemeralsTo(String user) {
    return FakeSlackWebApi.calls("chat.postEphemeral").stream()
        .filter(call -> call.body().path("user").asText().equals(user))
        .toList();
  }

  @Test
  void aClickIsAcknowledgedAtOnceWithAnEmptyBodyAndDecidedAfterwards() {
    String approval = approval();
    String trigger = trigger();
    post(form(click("U0ALICE", ApprovalButtons.APPROVE, approval, trigger)))
        .statusCode(200)
        .time(lessThan(3000L))
        .body(emptyString());
    await()
        .atMost(AT_MOST)
        .untilAsserted(
            () ->
                assertThat(decisions.on(approval))
                    .containsExactly(
                        new Decision(approval, Voter.slack("U0ALICE", TEAM), true, "", trigger)));
    // The use case runs as it would for an HTTP request: with a request context of its own.
    assertThat(decisions.requestContexts()).containsOnly(true);
  }

  @Test
  void rejectIsARejection() {
    String approval = approval();
    String trigger = trigger();
    post(form(click("U0ALICE", ApprovalButtons.REJECT, approval, trigger))).statusCode(200);
    await()
        .atMost(AT_MOST)
        .untilAsserted(
            () ->
                assertThat(decisions.on(approval))
                    .containsExactly(
                        new Decision(approval, Voter.slack("U0ALICE", TEAM), false, "", trigger)));
  }

  @Test
  void aDoubleClickReachesTheUseCaseTwiceAndTheSecondIsRefusedInSlack() {
    String approval = approval();
    post(form(click("U0DOUBLE", ApprovalButtons.APPROVE, approval, trigger()))).statusCode(200);
    post(form(click("U0DOUBLE", ApprovalButtons.APPROVE, approval, trigger()))).statusCode(200);
    await().atMost(AT_MOST).untilAsserted(() -> assertThat(decisions.on(approval)).hasSize(2));
    await()
        .atMost(AT_MOST)
        .untilAsserted(
            () ->
                assertThat(ephemeralsTo("U0DOUBLE"))
                    .singleElement()
                    .satisfies(
                        call ->
                            assertThat(call.body().path("text").asText())
                                .isEqualTo(RecordingApprovalDecisions.ALREADY_VOTED)));
  }

  @Test
  void aRefusalReachesThePersonAsAnEphemeralMessageWithTheBotToken() {
    String approval = approval();
    String message = "You are not among the approvers of this approval.";
    decisions.refuse(approval, Refusal.NOT_AN_APPROVER, message);
    post(form(click("U0MALLORY", ApprovalButtons.APPROVE, approval, trigger()))).statusCode(200);
    await()
        .atMost(AT_MOST)
        .untilAsserted(
            () ->
                assertThat(ephemeralsTo("U0MALLORY"))
                    .singleElement()
                    .satisfies(
                        call -> {
                          assertThat(call.authorization()).isEqualTo("Bearer " + BOT_TOKEN);
                          assertThat(call.body().path("channel").asText()).isEqualTo("C0SRE");
                          assertThat(call.body().path("text").asText()).isEqualTo(message);
                        }));
  }

  @Test
  void aDecisionThatFailsAsksThePersonToClickAgain() {
    String approval = approval();
    decisions.fail(approval);
    post(form(click("U0UNLUCKY", ApprovalButtons.APPROVE, approval, trigger()))).statusCode(200);
    await()
        .atMost(AT_MOST)
        .untilAsserted(
            () ->
                assertThat(ephemeralsTo("U0UNLUCKY"))
                    .singleElement()
                    .satisfies(
                        call ->
                            assertThat(call.body().path("text").asText())
                                .isEqualTo(SlackDecisions.TRY_AGAIN)));
  }

  @Test
  void theSameSignedRequestAgainIsAReplay() {
    String approval = approval();
    String body = form(click("U0ALICE", ApprovalButtons.APPROVE, approval, trigger()));
    long timestamp = now();
    post(body, timestamp, SECRET).statusCode(200);
    refusedWith(post(body, timestamp, SECRET), 401, "slack-replay");
    await().atMost(AT_MOST).until(() -> !decisions.on(approval).isEmpty());
    // The replay was refused before anything was handed on: no second decision can come.
    assertThat(decisions.on(approval)).hasSize(1);
  }

  @Test
  void unsignedForgedStaleAndFutureRequestsAreRefused() {
    String approval = approval();
    String body = form(click("U0EVE", ApprovalButtons.APPROVE, approval, trigger()));
    long now = now();
    refusedWith(request(FORM, body).post(PATH).then(), 401, "slack-signature");
    refusedWith(
        request(FORM, body)
            .header("X-Slack-Signature", signature(SECRET, now, body))
            .post(PATH)
            .then(),
        401,
        "slack-signature");
    refusedWith(
        request(FORM, body)
            .header("X-Slack-Request-Timestamp", Long.toString(now))
            .post(PATH)
            .then(),
        401,
        "slack-signature");
    refusedWith(post(body, now, "another-apps-secret"), 401, "slack-signature");
    refusedWith(
        request(FORM, body)
            .header("X-Slack-Request-Timestamp", Long.toString(now))
            .header("X-Slack-Signature", signature(SECRET, now, body + "&tampered=1"))
            .post(PATH)
            .then(),
        401,
        "slack-signature");
    refusedWith(post(body, now - 360, SECRET), 401, "slack-stale");
    refusedWith(post(body, now + 360, SECRET), 401, "slack-stale");
    // Each was refused before anything was handed on.
    assertThat(decisions.on(approval)).isEmpty();
  }

  @Test
  void aRequestSignedWithThePreviousSecretIsAccepted() {
    String approval = approval();
    post(
            form(click("U0ALICE", ApprovalButtons.APPROVE, approval, trigger())),
            now(),
            PREVIOUS_SECRET)
        .statusCode(200);
    await().atMost(AT_MOST).untilAsserted(() -> assertThat(decisions.on(approval)).hasSize(1));
  }

  @Test
  void aSixtyKibPayloadIsAccepted() {
    String approval = approval();
    String payload =
        click("U0ALICE", TEAM, ApprovalButtons.APPROVE, approval, trigger(), "x".repeat(61_440));
    assertThat(payload.length()).isGreaterThan(60 * 1024);
    post(form(payload)).statusCode(200);
    await().atMost(AT_MOST).untilAsserted(() -> assertThat(decisions.on(approval)).hasSize(1));
  }

  @Test
  void signedRequestsWithoutABlockActionsPayloadAre400() {
    String json = "{\"type\":\"block_actions\"}";
    refusedWith(postAs("application/json", json), 400, "invalid-payload");
    refusedWith(post("token=x&team_id=T0REMEDY"), 400, "invalid-payload");
    refusedWith(post("payload=%7Bnot+json"), 400, "invalid-payload");
    refusedWith(post(form("{\"type\":\"view_submission\"}")), 400, "invalid-payload");
    refusedWith(
        post(form("{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\",\"team_id\":\"T1\"}}")),
        400,
        "invalid-payload");
    post(form("{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\",\"team_id\":\"T1\"}}"))
        .body("field", equalTo("payload.actions"));
  }

  private static ValidatableResponse postAs(String contentType, String body) {
    long timestamp = now();
    return request(contentType, body)
        .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
        .header("X-Slack-Signature", signature(SECRET, timestamp, body))
        .post(PATH)
        .then();
  }

  @Test
  void anotherWorkspaceIsAcknowledgedAndIgnored() {
    String approval = approval();
    post(form(
            click(
                "U0STRANGER",
                "T0OTHER",
                ApprovalButtons.APPROVE,
                approval,
                trigger(),
                "scale web 2 -> 4")))
        .statusCode(200)
        .body(emptyString());
    // Ignored before anything was handed on.
    assertThat(decisions.on(approval)).isEmpty();
  }

  @Test
  void otherButtonsAreAcknowledgedAndIgnored() {
    post(form(click("U0CURIOUS", "remedy.details", approval(), trigger()))).statusCode(200);
    assertThat(decisions.by("U0CURIOUS")).isEmpty();
  }

  @Test
  void everyOutcomeIsCounted() {
    double accepted = counter("accepted");
    double badSignature = counter("bad_signature");
    double stale = counter("stale");
    double replay = counter("replay");
    double invalid = counter("invalid");
    double foreign = counter("foreign_team");
    String body = form(click("U0ALICE", ApprovalButtons.APPROVE, approval(), trigger()));
    long timestamp = now();
    post(body, timestamp, SECRET).statusCode(200);
    post(body, timestamp, SECRET).statusCode(401);
    post(body, timestamp, "wrong").statusCode(401);
    post(body, timestamp - 600, SECRET).statusCode(401);
    post("payload=%7B%7D").statusCode(400);
    post(form(click("U0X", "T0OTHER", ApprovalButtons.APPROVE, approval(), trigger(), "")))
        .statusCode(200);
    assertThat(counter("accepted")).isEqualTo(accepted + 1);
    assertThat(counter("replay")).isEqualTo(replay + 1);
    assertThat(counter("bad_signature")).isEqualTo(badSignature + 1);
    assertThat(counter("stale")).isEqualTo(stale + 1);
    assertThat(counter("invalid")).isEqualTo(invalid + 1);
    assertThat(counter("foreign_team")).isEqualTo(foreign + 1);
  }

  private static double counter(String outcome) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher value =
        Pattern.compile(
                "(?m)^remedy_slack_interactions_total\\{outcome=\"" + outcome + "\"} ([0-9.E]+)$")
            .matcher(metrics);
    assertThat(value.find()).as("remedy_slack_interactions_total{outcome=%s}", outcome).isTrue();
    return Double.parseDouble(value.group(1));
  }

  @Test
  void logsNeverHoldTheBodyNorASecret() {
    String approval = approval();
    String refused = approval();
    decisions.refuse(refused, Refusal.EXPIRED, "This approval expired.");
    try (CapturedLogs logs = new CapturedLogs()) {
      post(form(click("U0LOGGED", ApprovalButtons.APPROVE, approval, trigger()))).statusCode(200);
      post(form(click("U0LOGGED", ApprovalButtons.REJECT, refused, trigger()))).statusCode(200);
      post(form(click("U0LOGGED", ApprovalButtons.APPROVE, approval, trigger())), now(), "x")
          .statusCode(401);
      post(form(click("U0LOGGED", ApprovalButtons.APPROVE, approval, trigger())), 1, SECRET)
          .statusCode(401);
      post(form("{\"type\":\"block_actions\",\"note\":\"" + BODY_MARKER + "\"}")).statusCode(400);
      await().atMost(AT_MOST).until(() -> ephemeralsTo("U0LOGGED").size() == 1);
      await()
          .atMost(AT_MOST)
          .untilAsserted(
              () ->
                  assertThat(logs.lines())
                      .anySatisfy(line -> assertThat(line).contains("U0LOGGED", refused, "expired"))
                      .anySatisfy(line -> assertThat(line).contains("U0LOGGED", approval)));
      assertThat(logs.lines())
          .noneSatisfy(line -> assertThat(line).contains(BODY_MARKER))
          .noneSatisfy(line -> assertThat(line).contains(SECRET))
          .noneSatisfy(line -> assertThat(line).contains(PREVIOUS_SECRET))
          .noneSatisfy(line -> assertThat(line).contains(BOT_TOKEN))
          .noneSatisfy(line -> assertThat(line).contains("v0="));
    }
  }
}
