package dev.remedy.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remedy.run.FailureReason;
import dev.remedy.run.StepFailedException;
import dev.remedy.run.StepFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Calls to the Slack Web API with the bot token ({@code remedy.slack.bot-token} against {@code
 * remedy.slack.api-url}), and Slack's answers classified once: {@code ratelimited}, {@code
 * internal_error} and HTTP 429/5xx are retryable (with Slack's {@code Retry-After} when it gives
 * one), a refused token or channel is not.
 */
@ApplicationScoped
public class SlackWebApi {

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

  public SlackWebApi(SlackConfig config) {
    this.config = config;
  }

  public boolean configured() {
    return config.botToken().isPresent();
  }

  /** A failed call: retryable or not, and how long Slack asked us to wait. */
  public static final class SlackCallException extends RuntimeException {
    private final transient StepFailure failure;
    private final transient Optional<Duration> retryAfter;

    SlackCallException(StepFailure failure, Optional<Duration> retryAfter) {
      super(failure.message(), null, false, false);
      this.failure = failure;
      this.retryAfter = retryAfter;
    }

    public StepFailure failure() {
      return failure;
    }

    /** As the engine's failure of a step. */
    public StepFailedException asStepFailure() {
      return new StepFailedException(failure);
    }

    public Optional<Duration> retryAfter() {
      return retryAfter;
    }
  }

  /** Calls {@code method} with a JSON body; answers Slack's JSON when {@code ok}. */
  public JsonNode call(String method, Map<String, Object> body) {
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
      Optional<Duration> retryAfter =
          response.headers().firstValue("Retry-After").flatMap(SlackWebApi::seconds);
      if (response.statusCode() == 429 || response.statusCode() >= 500) {
        throw failure(
            true,
            FailureReason.UNAVAILABLE,
            "Slack " + method + " answered HTTP " + response.statusCode(),
            retryAfter);
      }
      JsonNode answer = json.readTree(response.body());
      if (answer.path("ok").asBoolean(false)) {
        return answer;
      }
      String error = answer.path("error").asText("unknown_error");
      if (error.equals("ratelimited")
          || error.equals("internal_error")
          || error.equals("fatal_error")) {
        throw failure(
            true, FailureReason.UNAVAILABLE, "Slack " + method + ": " + error, retryAfter);
      }
      throw failure(
          false,
          FORBIDDEN.contains(error) ? FailureReason.FORBIDDEN : FailureReason.INVALID,
          "Slack " + method + ": " + error,
          Optional.empty());
    } catch (IOException e) {
      throw failure(
          true,
          FailureReason.UNAVAILABLE,
          "Slack " + method + ": " + e.getClass().getSimpleName(),
          Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(
          true, FailureReason.TIMEOUT, "Slack " + method + ": interrupted", Optional.empty());
    }
  }

  private static Optional<Duration> seconds(String header) {
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static SlackCallException failure(
      boolean retryable, FailureReason reason, String message, Optional<Duration> retryAfter) {
    return new SlackCallException(new StepFailure(reason, retryable, message), retryAfter);
  }
}
