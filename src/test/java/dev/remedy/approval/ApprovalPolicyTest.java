package dev.remedy.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of a decision, the same for Slack and the API. */
class ApprovalPolicyTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  private final ApprovalPolicy policy =
      new ApprovalPolicy(
          new Approvers(Map.of("sre", List.of("U0SRE0001", "alice")), Map.of("bob", "U0BOB0001")));
  private final List<Vote> votes = new ArrayList<>();

  private static Approval approval(int quorum, String requestedBy) {
    return new Approval(
        "a-1",
        "run-1",
        "approve",
        "wf",
        ApprovalStatus.PENDING,
        List.of("U0BOB0001", "group:sre"),
        quorum,
        T0.plus(Duration.ofMinutes(30)),
        "ok?",
        List.of("scale: replicas 3 → 5"),
        "sha256:00",
        "",
        requestedBy,
        T0,
        Optional.empty(),
        Optional.empty());
  }

  private DecisionOutcome decide(Approval approval, Voter voter, boolean approve, Instant at) {
    ApprovalPolicy.Verdict verdict =
        policy.judge(approval, votes, new Decision(approval.id(), voter, approve, "", "r"), at);
    verdict.vote().ifPresent(votes::add);
    return verdict.outcome();
  }

  private static Refusal refusal(DecisionOutcome outcome) {
    return outcome instanceof DecisionOutcome.Refused r ? r.refusal() : null;
  }

  @Test
  void listedUsersAndGroupMembersMayDecideOthersMayNot() {
    Approval a = approval(3, "alertmanager");
    assertThat(decide(a, Voter.slack("U0BOB0001", "T1"), true, T0))
        .isEqualTo(new DecisionOutcome.Applied(ApprovalStatus.PENDING, 1, 3));
    assertThat(decide(a, Voter.slack("U0SRE0001", "T1"), true, T0))
        .isEqualTo(new DecisionOutcome.Applied(ApprovalStatus.PENDING, 2, 3));
    assertThat(refusal(decide(a, Voter.slack("U0EVE0001", "T1"), true, T0)))
        .isEqualTo(Refusal.NOT_AN_APPROVER);
    assertThat(decide(a, Voter.api("alice"), true, T0))
        .isEqualTo(new DecisionOutcome.Applied(ApprovalStatus.APPROVED, 3, 3));
  }

  @Test
  void onePersonDecidesOnceWhicheverChannelTheyUse() {
    Approval a = approval(2, "alertmanager");
    decide(a, Voter.slack("U0BOB0001", "T1"), true, T0);
    // bob on the API is linked to the Slack user U0BOB0001: the same person.
    assertThat(refusal(decide(a, Voter.api("bob"), true, T0))).isEqualTo(Refusal.ALREADY_VOTED);
    assertThat(refusal(decide(a, Voter.slack("U0BOB0001", "T1"), true, T0)))
        .isEqualTo(Refusal.ALREADY_VOTED);
    assertThat(votes).hasSize(1);
  }

  @Test
  void theFirstRejectionEndsIt() {
    Approval a = approval(2, "alertmanager");
    decide(a, Voter.slack("U0BOB0001", "T1"), true, T0);
    assertThat(decide(a, Voter.slack("U0SRE0001", "T1"), false, T0))
        .isEqualTo(new DecisionOutcome.Applied(ApprovalStatus.REJECTED, 1, 2));
    Approval rejected = a.withStatus(ApprovalStatus.REJECTED, T0);
    assertThat(refusal(decide(rejected, Voter.api("alice"), true, T0)))
        .isEqualTo(Refusal.ALREADY_DECIDED);
  }

  @Test
  void nothingCountsAfterTheDeadline() {
    Approval a = approval(1, "alertmanager");
    DecisionOutcome late = decide(a, Voter.slack("U0BOB0001", "T1"), true, a.deadline());
    assertThat(refusal(late)).isEqualTo(Refusal.EXPIRED);
    assertThat(((DecisionOutcome.Refused) late).message()).contains("expired at " + a.deadline());
    assertThat(votes).isEmpty();
  }

  @Test
  void whoeverStartedAManualRunMayNotApproveIt() {
    Approval a = approval(1, "alice");
    assertThat(refusal(decide(a, Voter.api("alice"), true, T0))).isEqualTo(Refusal.OWN_RUN);
  }
}
