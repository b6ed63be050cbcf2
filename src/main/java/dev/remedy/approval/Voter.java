package dev.remedy.approval;

import java.util.Objects;
import java.util.Optional;

/**
 * Who decides: a Slack user id (with the Slack team it belongs to) or a principal signed in to the
 * API or the UI. Never a display name.
 *
 * @param id the Slack user id ({@code U024BE7LH}) or the principal's name
 * @param via the channel the decision came through
 * @param team the Slack team id, for Slack decisions
 */
public record Voter(String id, Channel via, Optional<String> team) {
  public Voter {
    Objects.requireNonNull(id);
    Objects.requireNonNull(via);
    Objects.requireNonNull(team);
  }

  public static Voter slack(String userId, String teamId) {
    return new Voter(userId, Channel.SLACK, Optional.ofNullable(teamId));
  }

  public static Voter api(String principal) {
    return new Voter(principal, Channel.API, Optional.empty());
  }

  public static Voter ui(String principal) {
    return new Voter(principal, Channel.UI, Optional.empty());
  }
}
