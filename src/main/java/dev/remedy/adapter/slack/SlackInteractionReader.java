package dev.remedy.adapter.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remedy.adapter.slack.SlackInteraction.Vote;
import dev.remedy.api.Problem;
import dev.remedy.api.ProblemException;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an interactivity request: a form ({@code application/x-www-form-urlencoded}) whose field
 * {@code payload} holds the JSON. The form is decoded here, from the raw bytes whose signature was
 * checked, rather than by the HTTP layer. Every refusal is a 400 problem naming the field, never
 * quoting the body.
 *
 * <p>Ids are checked against Slack's alphabet before they go anywhere: they are logged, and they
 * reach the approval's audit.
 */
final class SlackInteractionReader {

  static final String FORM = "application/x-www-form-urlencoded";

  /** Slack ids ({@code U024BE7LH}, {@code T12345}, {@code C0123}) and remedy approval ids. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** {@code trigger_id}: {@code 398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c}. */
  private static final Pattern TRIGGER = Pattern.compile("[A-Za-z0-9._:-]{1,255}");

  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackInteractionReader() {}

  static SlackInteraction read(String contentType, byte[] body) {
    if (!isForm(contentType)) {
      throw invalid("$", "expected Content-Type " + FORM);
    }
    JsonNode payload = parse(formField(body));
    if (!"block_actions".equals(payload.path("type").asText(null))) {
      throw invalid("payload.type", "only block_actions interactions are handled");
    }
    String user = id(payload.path("user").path("id"), "payload.user.id", ID);
    String team =
        payload.path("user").hasNonNull("team_id")
            ? id(payload.path("user").path("team_id"), "payload.user.team_id", ID)
            : id(payload.path("team").path("id"), "payload.team.id", ID);
    String trigger =
        payload.hasNonNull("trigger_id")
            ? id(payload.path("trigger_id"), "payload.trigger_id", TRIGGER)
            : "";
    Optional<String> channel =
        payload.path("channel").hasNonNull("id")
            ? Optional.of(id(payload.path("channel").path("id"), "payload.channel.id", ID))
            : Optional.empty();
    JsonNode actions = payload.path("actions");
    if (!actions.isArray() || actions.isEmpty()) {
      throw invalid("payload.actions", "no actions");
    }
    List<Vote> votes = new ArrayList<>();
    int ignored = 0;
    for (int i = 0; i < actions.size(); i++) {
      JsonNode action = actions.get(i);
      String actionId = action.path("action_id").asText("");
      boolean approve = actionId.equals(ApprovalButtons.APPROVE);
      if (approve || actionId.equals(ApprovalButtons.REJECT)) {
        String field = "payload.actions[" + i + "].value";
        votes.add(new Vote(id(action.path("value"), field, ID), approve));
      } else {
        ignored++;
      }
    }
    return new SlackInteraction(user, team, trigger, channel, votes, ignored);
  }

  private static boolean isForm(String contentType) {
    return contentType != null
        && contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(FORM);
  }

  /** The one {@code payload} field of the form; other fields are ignored. */
  private static String formField(byte[] body) {
    String payload = null;
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      if (name.equals("payload")) {
        if (payload != null) {
          throw invalid("payload", "the form has more than one payload field");
        }
        payload = equals < 0 ? "" : decode(pair.substring(equals + 1));
      }
    }
    if (payload == null || payload.isBlank()) {
      throw invalid("payload", "the form has no payload field");
    }
    return payload;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      throw invalid("$", "malformed form encoding");
    }
  }

  private static JsonNode parse(String payload) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw invalid("payload", "not JSON");
    }
    if (root == null || !root.isObject()) {
      throw invalid("payload", "expected a JSON object");
    }
    return root;
  }

  private static String id(JsonNode node, String field, Pattern pattern) {
    if (!node.isTextual()) {
      throw invalid(field, "missing");
    }
    if (!pattern.matcher(node.asText()).matches()) {
      throw invalid(field, "not a valid id");
    }
    return node.asText();
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(
        Problem.of(
                "invalid-payload",
                "Invalid Slack interaction",
                Response.Status.BAD_REQUEST,
                field + ": " + message)
            .with("field", field));
  }
}
