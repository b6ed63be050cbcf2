package dev.remedy.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remedy.approval.ApprovalStore;
import dev.remedy.run.IdempotencyKey;
import dev.remedy.run.Notifier;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code notify} steps: {@code chat.postMessage} through the Slack Web API when {@code
 * remedy.slack.bot-token} is set, otherwise one INFO log line per message (so a service without
 * Slack still shows what it would have said). A run's messages are threaded under its approval
 * message when there is one in the same channel. Slack's answers are classified by {@link
 * SlackWebApi}.
 */
@ApplicationScoped
public class SlackNotifier implements Notifier {

  private final SlackConfig config;
  private final SlackWebApi slack;
  private final ApprovalStore approvals;

  public SlackNotifier(SlackConfig config, SlackWebApi slack, ApprovalStore approvals) {
    this.config = config;
    this.slack = slack;
    this.approvals = approvals;
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
    // Threaded under the run's approval message (posted to the default channel) when the step
    // posts there too.
    approvals
        .latestMessage(key.runId())
        .filter(m -> channel.isEmpty() || channel.get().equals(m.channel()))
        .ifPresent(m -> body.put("thread_ts", m.ts()));
    body.put(
        "metadata",
        Map.of("event_type", "remedy_notify", "event_payload", Map.of("key", key.value())));
    JsonNode answer;
    try {
      answer = slack.call("chat.postMessage", body);
    } catch (SlackWebApi.SlackCallException e) {
      throw e.asStepFailure();
    }
    return answer.path("channel").asText(target.get()) + "/" + answer.path("ts").asText("");
  }
}
