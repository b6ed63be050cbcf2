package dev.remedy.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remedy.run.FailureReason;
import dev.remedy.run.IdempotencyKey;
import dev.remedy.run.Notifier;
import dev.remedy.run.StepFailedException;
import dev.remedy.run.StepFailure;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code notify} steps: {@code chat.postMessage} through the Slack Web API when {@code
 * remedy.slack.bot-token} is set, otherwise one INFO log line per message (so a service without
 * Slack still shows what it would have said). Slack's answers are classified once here: {@code
 * ratelimited} and 5xx are retryable, a refused token or channel is not.
 */
@ApplicationScoped
public class SlackNotifier implements Notifier {

  private static final Set<String> FORBIDDEN =
      Set.of(
          "invalid_auth",
          "not_authed",
          "account_inactive",
          "token_revoked",
          "missing_scope",
          "not_in_channel",
          "restricted_action");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final SlackConfig config;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public SlackNotifier(SlackConfig config) {
    this.config = config;
  }

  @Override
  public String post(IdempotencyKey key, String text, Optional<String> channel) {
    Optional<String> target = channel.or(config::channel);
    if (config.botToken().isEmpty() || target.isEmpty()) {
      Log.infof(
          "notify %s (no Slack %s configured): %s",
          key, config.botToken().isEmpty() ? "bot token" : "channel", text);
      return "log";
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", target.get());
    body.put("text", text);
    body.put(
        "metadata",
        Map.of("event_type", "remedy_notify", "event_payload", Map.of("key", key.value())));
    JsonNode answer = call("chat.postMessage", body);
    return answer.path("channel").asText(target.get()) + "/" + answer.path("ts").asText("");
  }

  private JsonNode call(String method, Map<String, Object> body) {
    URI uri = URI.create(config.apiUrl().toString().replaceAll("/+$", "") + "/" + method);
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json; charset=utf-8")
              .header("Authorization", "Bearer " + config.botToken().orElseThrow())
              .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
              .build();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 429 || response.statusCode() >= 500) {
        throw failure(
            true,
            FailureReason.UNAVAILABLE,
            "Slack " + method + " answered HTTP " + response.statusCode());
      }
      JsonNode answer = json.readTree(response.body());
      if (answer.path("ok").asBoolean(false)) {
        return answer;
      }
      String error = answer.path("error").asText("unknown_error");
      if (error.equals("ratelimited")
          || error.equals("internal_error")
          || error.equals("fatal_error")) {
        throw failure(true, FailureReason.UNAVAILABLE, "Slack " + method + ": " + error);
      }
      throw failure(
          false,
          FORBIDDEN.contains(error) ? FailureReason.FORBIDDEN : FailureReason.INVALID,
          "Slack " + method + ": " + error);
    } catch (IOException e) {
      throw failure(
          true, FailureReason.UNAVAILABLE, "Slack " + method + ": " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(true, FailureReason.TIMEOUT, "Slack " + method + ": interrupted");
    }
  }

  private static StepFailedException failure(
      boolean retryable, FailureReason reason, String message) {
    return new StepFailedException(new StepFailure(reason, retryable, message));
  }
}
