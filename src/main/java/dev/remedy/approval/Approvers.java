package dev.remedy.approval;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who a voter is and whether they may decide. Groups ({@code remedy.approvers.groups.<name>}) list
 * Slack user ids and API principals. An API principal linked to a Slack id ({@code
 * remedy.approvers.identities.<principal>}) is that Slack user: one person, one decision, whichever
 * channel they use.
 */
public final class Approvers {

  private final Map<String, Set<String>> groups;
  private final Map<String, String> identities;

  public Approvers(Map<String, List<String>> groups, Map<String, String> identities) {
    this.groups =
        groups.entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    Map.Entry::getKey,
                    e -> e.getValue().stream().map(String::trim).collect(Collectors.toSet())));
    this.identities = Map.copyOf(identities);
  }

  public static Approvers none() {
    return new Approvers(Map.of(), Map.of());
  }

  /** The identity a vote is recorded under. */
  public String identity(Voter voter) {
    return voter.via() != Channel.SLACK
        ? Optional.ofNullable(identities.get(voter.id())).orElse(voter.id())
        : voter.id();
  }

  /** Whether the voter is listed, directly or through a group. */
  public boolean mayDecide(Approval approval, Voter voter) {
    String identity = identity(voter);
    for (String listed : approval.approvers()) {
      if (listed.startsWith("group:")) {
        Set<String> members = groups.getOrDefault(listed.substring("group:".length()), Set.of());
        if (members.contains(identity) || members.contains(voter.id())) {
          return true;
        }
      } else if (listed.equals(identity)) {
        return true;
      }
    }
    return false;
  }

  /** How many distinct people could approve: the quorum is unreachable if fewer. */
  public int reachable(Approval approval) {
    Set<String> people = new java.util.HashSet<>();
    for (String listed : approval.approvers()) {
      if (listed.startsWith("group:")) {
        people.addAll(groups.getOrDefault(listed.substring("group:".length()), Set.of()));
      } else {
        people.add(listed);
      }
    }
    return people.size();
  }
}
