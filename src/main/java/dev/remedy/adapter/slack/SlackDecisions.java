package dev.remedy.adapter.slack;

import dev.remedy.adapter.slack.SlackInteraction.Vote;
import dev.remedy.approval.ApprovalDecisions;
import dev.remedy.approval.Decision;
import dev.remedy.approval.DecisionOutcome;
import dev.remedy.approval.DecisionOutcome.Applied;
import dev.remedy.approval.DecisionOutcome.Refused;
import dev.remedy.approval.Voter;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Applies the votes of an acknowledged interaction, after the acknowledgement: Slack gives an app
 * three seconds to answer, and a decision's transaction (the vote, the approval, the run's wake-up)
 * must not eat into them. A refused vote is explained to the person who clicked, in Slack, since
 * the HTTP answer has long gone.
 */
@ApplicationScoped
public class SlackDecisions {

  static final String TRY_AGAIN =
      "remedy could not record your decision just now. Please click the button again.";

  private static final long SHUTDOWN_SECONDS = 10;

  private final ApprovalDecisions approvals;
  private final SlackEphemerals ephemerals;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public SlackDecisions(ApprovalDecisions approvals, SlackEphemerals ephemerals) {
    this.approvals = approvals;
    this.ephemerals = ephemerals;
  }

  /**
   * Applies the interaction's votes on a virtual thread of their own; returns at once.
   *
   * @return {@code false} when this instance is shutting down and took nothing
   */
  boolean submit(SlackInteraction interaction) {
    try {
      executor.execute(() -> apply(interaction));
      return true;
    } catch (RejectedExecutionException shuttingDown) {
      return false;
    }
  }

  /** The votes one after the other, in the order they were clicked. */
  @ActivateRequestContext
  void apply(SlackInteraction interaction) {
    if (interaction.ignored() > 0) {
      Log.debugf(
          "Slack user %s: %d action(s) that are not approval buttons ignored",
          interaction.userId(), interaction.ignored());
    }
    for (Vote vote : interaction.votes()) {
      decide(interaction, vote);
    }
  }

  private void decide(SlackInteraction interaction, Vote vote) {
    Decision decision =
        new Decision(
            vote.approvalId(),
            Voter.slack(interaction.userId(), interaction.teamId()),
            vote.approve(),
            "",
            interaction.triggerId());
    DecisionOutcome outcome;
    try {
      outcome = approvals.decide(decision);
    } catch (RuntimeException e) {
      Log.warnf(
          "Slack user %s: %s on approval %s failed (%s); asked to click again",
          interaction.userId(), vote.action(), vote.approvalId(), e.getClass().getSimpleName());
      tell(interaction, TRY_AGAIN);
      return;
    }
    switch (outcome) {
      case Applied applied ->
          Log.infof(
              "Slack user %s: %s on approval %s applied (now %s, %d of %d approvals)",
              interaction.userId(),
              vote.action(),
              vote.approvalId(),
              applied.status().wireName(),
              applied.approvals(),
              applied.quorum());
      case Refused refused -> {
        Log.infof(
            "Slack user %s: %s on approval %s refused: %s",
            interaction.userId(), vote.action(), vote.approvalId(), refused.refusal().wireName());
        tell(interaction, refused.message());
      }
    }
  }

  private void tell(SlackInteraction interaction, String text) {
    interaction
        .channelId()
        .ifPresentOrElse(
            channel -> ephemerals.tell(channel, interaction.userId(), text),
            () ->
                Log.warnf(
                    "Could not tell Slack user %s (the interaction names no channel): %s",
                    interaction.userId(), text));
  }

  void stop(@Observes ShutdownEvent event) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
        Log.warnf(
            "Slack decisions still being applied after %d s at shutdown; those people may have"
                + " to click again",
            SHUTDOWN_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
