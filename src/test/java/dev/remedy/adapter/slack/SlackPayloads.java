package dev.remedy.adapter.slack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code block_actions} payloads shaped like the ones Slack sends when an approval button is
 * clicked (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload), and the
 * form they travel in.
 */
final class SlackPayloads {

  static final String FORM = "application/x-www-form-urlencoded";

  /** In every payload's message and {@code response_url}: must never reach a log. */
  static final String BODY_MARKER = "body-marker-7f3a";

  private SlackPayloads() {}

  /** One click on {@code actionId} with {@code value}, by {@code user} of {@code team}. */
  static String click(
      String user, String team, String actionId, String value, String triggerId, String padding) {
    return """
        {
          "type": "block_actions",
          "user": {"id": "%s", "username": "Display Name", "name": "display.name", "team_id": "%s"},
          "api_app_id": "A02",
          "token": "Shh_its_a_seekrit",
          "container": {"type": "message", "message_ts": "1700000000.000100",
                        "channel_id": "C0SRE", "is_ephemeral": false},
          "trigger_id": "%s",
          "team": {"id": "%s", "domain": "remedy-test"},
          "enterprise": null,
          "is_enterprise_install": false,
          "channel": {"id": "C0SRE", "name": "sre"},
          "message": {
            "type": "message",
            "ts": "1700000000.000100",
            "text": "Approval needed %s",
            "blocks": [{"type": "section", "block_id": "plan",
                        "text": {"type": "mrkdwn", "text": "%s"}}]
          },
          "state": {"values": {}},
          "response_url": "https://hooks.slack.com/actions/T0REMEDY/1/%s",
          "actions": [{
            "type": "button",
            "action_id": "%s",
            "block_id": "decide",
            "text": {"type": "plain_text", "text": "Approve", "emoji": true},
            "value": "%s",
            "style": "primary",
            "action_ts": "%s"
          }]
        }
        """
        .formatted(
            user,
            team,
            triggerId,
            team,
            BODY_MARKER,
            padding,
            BODY_MARKER,
            actionId,
            value,
            System.nanoTime() / 1000 + ".000");
  }

  static String click(String user, String actionId, String value, String triggerId) {
    return click(user, "T0REMEDY", actionId, value, triggerId, "scale web 2 -> 4");
  }

  /** The form body Slack posts: one field {@code payload}. */
  static String form(String payload) {
    return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
  }
}
