package dev.remedy.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Tells one person something only they see ({@code chat.postEphemeral}), such as why their click
 * was refused. Best effort: the click was acknowledged long before, nobody waits for this, and an
 * ephemeral message is worthless minutes later, so a failure is logged and not retried.
 */
@ApplicationScoped
public class SlackEphemerals {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final SlackConfig config;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public SlackEphemerals(SlackConfig config) {
    this.config = config;
  }

  /** Shows {@code text} to {@code user} in {@code channel}. Never throws. */
  void tell(String channel, String user, String text) {
    if (config.botToken().isEmpty()) {
      Log.warnf("Could not tell Slack user %s (no remedy.slack.bot-token): %s", user, text);
      return;
    }
    URI uri = URI.create(config.apiUrl().toString().replaceAll("/+$", "") + "/chat.postEphemeral");
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json; charset=utf-8")
              .header("Authorization", "Bearer " + config.botToken().get())
              .POST(
                  HttpRequest.BodyPublishers.ofByteArray(
                      json.writeValueAsBytes(
                          Map.of("channel", channel, "user", user, "text", text))))
              .build();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        Log.warnf(
            "Could not tell Slack user %s: chat.postEphemeral answered HTTP %d",
            user, response.statusCode());
        return;
      }
      JsonNode answer = json.readTree(response.body());
      if (!answer.path("ok").asBoolean(false)) {
        Log.warnf(
            "Could not tell Slack user %s: chat.postEphemeral: %s",
            user, answer.path("error").asText("unknown_error"));
      }
    } catch (IOException e) {
      Log.warnf(
          "Could not tell Slack user %s: chat.postEphemeral: %s",
          user, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
