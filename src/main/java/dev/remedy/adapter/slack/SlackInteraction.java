package dev.remedy.adapter.slack;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code block_actions} interaction, reduced to what remedy acts on: ids only, never display
 * names, so that authorisation cannot be fooled by a renamed account.
 *
 * @param userId who clicked ({@code user.id})
 * @param teamId the clicker's workspace ({@code user.team_id}, else {@code team.id})
 * @param triggerId Slack's id of this click ({@code trigger_id}), kept for the audit; may be empty
 * @param channelId where the message is ({@code channel.id}), to answer the clicker there
 * @param votes the Approve and Reject buttons clicked
 * @param ignored how many other actions the interaction held
 */
record SlackInteraction(
    String userId,
    String teamId,
    String triggerId,
    Optional<String> channelId,
    List<Vote> votes,
    int ignored) {

  SlackInteraction {
    Objects.requireNonNull(userId);
    Objects.requireNonNull(teamId);
    Objects.requireNonNull(triggerId);
    Objects.requireNonNull(channelId);
    votes = List.copyOf(votes);
  }

  /** One click on {@link ApprovalButtons#APPROVE} or {@link ApprovalButtons#REJECT}. */
  record Vote(String approvalId, boolean approve) {
    Vote {
      Objects.requireNonNull(approvalId);
    }

    String action() {
      return approve ? "approve" : "reject";
    }
  }
}
