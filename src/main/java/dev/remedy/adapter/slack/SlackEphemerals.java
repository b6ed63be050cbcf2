package dev.remedy.adapter.slack;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Tells one person something only they see ({@code chat.postEphemeral}), such as why their click
 * was refused. Best effort: the click was acknowledged long before, nobody waits for this, and an
 * ephemeral message is worthless minutes later, so a failure is logged and not retried.
 */
@ApplicationScoped
public class SlackEphemerals {

  private final SlackWebApi slack;

  public SlackEphemerals(SlackWebApi slack) {
    this.slack = slack;
  }

  /** Shows {@code text} to {@code user} in {@code channel}. Never throws. */
  void tell(String channel, String user, String text) {
    if (!slack.configured()) {
      Log.warnf("Could not tell Slack user %s (no remedy.slack.bot-token): %s", user, text);
      return;
    }
    try {
      slack.call("chat.postEphemeral", Map.of("channel", channel, "user", user, "text", text));
    } catch (SlackWebApi.SlackCallException e) {
      Log.warnf("Could not tell Slack user %s: %s", user, e.getMessage());
    }
  }
}
