package dev.remedy.adapter.slack;

import dev.remedy.alert.Alert;
import dev.remedy.approval.Approval;
import dev.remedy.approval.ApprovalStatus;
import dev.remedy.approval.Channel;
import dev.remedy.approval.Vote;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Block Kit message of an approval: what fired (alert, labels, link to its source), what will
 * be done (the plan and its digest), who may approve and by when, the Approve and Reject buttons
 * (their value is the opaque approval id, never the action), and a link to the run. Once decided,
 * the same message without buttons, saying who decided what and when.
 *
 * <p>Built by hand as maps: the Block Kit JSON is small, and Slack's SDK would add a large
 * dependency to the native image for a dozen objects.
 */
final class ApprovalBlocks {

  private ApprovalBlocks() {}

  /** {@code text} (the notification fallback) and {@code blocks}. */
  static Map<String, Object> message(
      Approval approval, Optional<Alert> alert, List<Vote> votes, URI publicUrl) {
    List<Object> blocks = new ArrayList<>();
    String title =
        (approval.status().isOpen()
                ? "Approval needed: "
                : "Approval " + word(approval.status()) + ": ")
            + approval.workflow();
    blocks.add(Map.of("type", "header", "text", plain(cut(title, 150))));
    alert.ifPresent(a -> blocks.add(section(alertText(a))));
    if (!approval.message().isBlank()) {
      blocks.add(section(escape(approval.message())));
    }
    blocks.add(
        section(
            "*Plan* (`"
                + approval.planDigest()
                + "`)\n```"
                + escape(String.join("\n", approval.plan()))
                + "```"));
    blocks.add(
        context(
            "Approvers: "
                + approval.approvers().stream()
                    .map(ApprovalBlocks::person)
                    .collect(Collectors.joining(", "))
                + " · "
                + approval.quorum()
                + " needed · deadline "
                + date(approval.deadline())));
    if (approval.status().isOpen()) {
      long approvals = votes.stream().filter(Vote::approve).count();
      if (approvals > 0) {
        blocks.add(context(approvals + " of " + approval.quorum() + " approvals: " + who(votes)));
      }
      blocks.add(
          Map.of(
              "type",
              "actions",
              "block_id",
              "remedy.decision",
              "elements",
              List.of(
                  button("Approve", ApprovalButtons.APPROVE, "primary", approval.id()),
                  button("Reject", ApprovalButtons.REJECT, "danger", approval.id()))));
    } else {
      blocks.add(section(outcome(approval, votes)));
    }
    String run = publicUrl.toString().replaceAll("/+$", "") + "/api/v1/runs/" + approval.runId();
    blocks.add(context("<" + run + "|Run " + approval.runId() + "> · approval " + approval.id()));
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("text", title + " (run " + approval.runId() + ")");
    message.put("blocks", blocks);
    return message;
  }

  private static String outcome(Approval approval, List<Vote> votes) {
    String at = approval.decidedAt().map(ApprovalBlocks::date).orElse("");
    return switch (approval.status()) {
      case APPROVED ->
          votes.stream().anyMatch(Vote::approve)
              ? "*Approved* by " + who(votes.stream().filter(Vote::approve).toList()) + " " + at
              : "*Approved* on timeout (onTimeout: approve) " + at;
      case REJECTED -> {
        Optional<Vote> no = votes.stream().filter(v -> !v.approve()).findFirst();
        yield "*Rejected* by "
            + no.map(ApprovalBlocks::voter).orElse("?")
            + no.filter(v -> !v.comment().isBlank()).map(v -> ": " + escape(v.comment())).orElse("")
            + " "
            + at;
      }
      case EXPIRED -> "*Expired* without a decision " + at;
      case CANCELLED -> "*Cancelled*: the run ended before a decision " + at;
      case PENDING -> "";
    };
  }

  private static String word(ApprovalStatus status) {
    return status.wireName();
  }

  private static String who(List<Vote> votes) {
    return votes.stream().map(ApprovalBlocks::voter).collect(Collectors.joining(", "));
  }

  /** {@code <@U0SRE0001> (via Slack)}: who voted, and through what, in a Slack reader's words. */
  private static String voter(Vote vote) {
    return person(vote.voter()) + " (" + via(vote.via()) + ")";
  }

  static String via(Channel channel) {
    return "via " + channel.spoken();
  }

  private static String alertText(Alert alert) {
    String name = alert.labels().get("alertname");
    StringBuilder text =
        new StringBuilder("*")
            .append(escape(name == null || name.isEmpty() ? "alert" : name))
            .append("* ")
            .append(alert.status().name().toLowerCase(java.util.Locale.ROOT))
            .append(" since ")
            .append(date(alert.startsAt()))
            .append('\n');
    alert
        .labels()
        .asMap()
        .forEach(
            (k, v) ->
                text.append('`').append(escape(k)).append('=').append(escape(v)).append("` "));
    if (!alert.generatorUrl().isBlank()) {
      text.append("\n<")
          .append(alert.generatorUrl().replace("|", "%7C").replace(">", "%3E"))
          .append("|Source>");
    }
    return cut(text.toString(), 2900);
  }

  /** A Slack user id is mentioned; a group or an API principal is shown as written. */
  private static String person(String id) {
    return id.matches("[UW][A-Z0-9]{2,20}") ? "<@" + id + ">" : escape(id);
  }

  private static String date(Instant at) {
    return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + at + ">";
  }

  private static Map<String, Object> button(
      String label, String actionId, String style, String value) {
    return Map.of(
        "type", "button",
        "text", plain(label),
        "action_id", actionId,
        "style", style,
        "value", value);
  }

  private static Map<String, Object> section(String mrkdwn) {
    return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", cut(mrkdwn, 3000)));
  }

  private static Map<String, Object> context(String mrkdwn) {
    return Map.of(
        "type",
        "context",
        "elements",
        List.of(Map.of("type", "mrkdwn", "text", cut(mrkdwn, 3000))));
  }

  private static Map<String, Object> plain(String text) {
    return Map.of("type", "plain_text", "text", text);
  }

  /** Slack's three control characters; everything else in mrkdwn is literal enough. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
