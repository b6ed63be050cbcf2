package dev.remedy.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.remedy.run.FailureReason;
import dev.remedy.run.IdempotencyKey;
import dev.remedy.run.StepFailedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** notify through a local fake of the Slack Web API. */
class SlackNotifierTest {

  private static final IdempotencyKey KEY = new IdempotencyKey("run-9", "tell");

  private HttpServer slack;
  private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
  private final List<String> auth = new CopyOnWriteArrayList<>();
  private volatile String answer =
      "{\"ok\":true,\"channel\":\"C123\",\"ts\":\"1700000000.000100\"}";
  private volatile int status = 200;

  @BeforeEach
  void start() throws IOException {
    slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slack.createContext(
        "/api/chat.postMessage",
        exchange -> {
          posted.add(new ObjectMapper().readTree(exchange.getRequestBody()));
          auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    slack.start();
  }

  @AfterEach
  void stop() {
    slack.stop(0);
  }

  private SlackNotifier notifier(Optional<String> token) {
    URI api = URI.create("http://127.0.0.1:" + slack.getAddress().getPort() + "/api");
    SlackConfig config =
        new SlackConfig() {
          @Override
          public Optional<String> botToken() {
            return token;
          }

          @Override
          public URI apiUrl() {
            return api;
          }

          @Override
          public Optional<String> channel() {
            return Optional.of("#sre");
          }

          @Override
          public java.time.Duration deliveryInterval() {
            return java.time.Duration.ofSeconds(2);
          }

          @Override
          public Optional<String> signingSecret() {
            return Optional.empty();
          }

          @Override
          public Optional<String> signingSecretPrevious() {
            return Optional.empty();
          }

          @Override
          public Optional<String> teamId() {
            return Optional.empty();
          }
        };
    return new SlackNotifier(
        config, new SlackWebApi(config), new dev.remedy.run.InMemoryApprovalStore());
  }

  @Test
  void postsToTheDefaultChannelWithTheBotToken() {
    String ref = notifier(Optional.of("xoxb-test")).post(KEY, "restarted api", Optional.empty());
    assertThat(ref).isEqualTo("C123/1700000000.000100");
    assertThat(posted).hasSize(1);
    assertThat(posted.get(0).path("channel").asText()).isEqualTo("#sre");
    assertThat(posted.get(0).path("text").asText()).isEqualTo("restarted api");
    assertThat(posted.get(0).path("metadata").path("event_payload").path("key").asText())
        .isEqualTo("run-9/tell");
    assertThat(auth).containsExactly("Bearer xoxb-test");
  }

  @Test
  void withoutATokenTheMessageIsLoggedNotPosted() {
    assertThat(notifier(Optional.empty()).post(KEY, "hello", Optional.of("#ops"))).isEqualTo("log");
    assertThat(posted).isEmpty();
  }

  @Test
  void slackErrorsAreClassifiedOnce() {
    answer = "{\"ok\":false,\"error\":\"channel_not_found\"}";
    assertThatThrownBy(
            () -> notifier(Optional.of("xoxb-test")).post(KEY, "x", Optional.of("#nope")))
        .isInstanceOfSatisfying(
            StepFailedException.class,
            e -> {
              assertThat(e.failure().reason()).isEqualTo(FailureReason.INVALID);
              assertThat(e.failure().retryable()).isFalse();
            });
    answer = "{\"ok\":false,\"error\":\"invalid_auth\"}";
    assertThatThrownBy(() -> notifier(Optional.of("xoxb-bad")).post(KEY, "x", Optional.empty()))
        .isInstanceOfSatisfying(
            StepFailedException.class,
            e -> assertThat(e.failure().reason()).isEqualTo(FailureReason.FORBIDDEN));
    answer = "{\"ok\":false,\"error\":\"ratelimited\"}";
    status = 429;
    assertThatThrownBy(() -> notifier(Optional.of("xoxb-test")).post(KEY, "x", Optional.empty()))
        .isInstanceOfSatisfying(
            StepFailedException.class,
            e -> {
              assertThat(e.failure().reason()).isEqualTo(FailureReason.UNAVAILABLE);
              assertThat(e.failure().retryable()).isTrue();
            });
  }
}
