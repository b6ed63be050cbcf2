package dev.remedy.adapter.slack;

import dev.remedy.approval.ApprovalStore;
import dev.remedy.guard.GuardDecision;
import dev.remedy.run.Run;
import dev.remedy.run.RunOutcome;
import dev.remedy.run.RunStatus;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells the default Slack channel what became of a run (succeeded; failed, rejected, expired or
 * cancelled with the reason) and when a guard suppressed one, threaded under the run's approval
 * message when there is one. Best effort: a message Slack refuses is logged, never retried (the run
 * itself is in the API). Suppressions of one workflow, key and guard are told at most once per
 * {@value #QUIET_MINUTES} minutes per replica, so an alert storm does not become a Slack storm.
 */
@ApplicationScoped
public class SlackRunOutcomes {

  static final int QUIET_MINUTES = 10;
  private static final int REMEMBERED = 1_000;

  private final SlackWebApi slack;
  private final SlackConfig config;
  private final ApprovalStore approvals;
  private final URI publicUrl;
  private final Map<String, Instant> lastTold =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
          return size() > REMEMBERED;
        }
      };

  public SlackRunOutcomes(
      SlackWebApi slack,
      SlackConfig config,
      ApprovalStore approvals,
      @ConfigProperty(name = "remedy.public-url", defaultValue = "http://localhost:8080")
          URI publicUrl) {
    this.slack = slack;
    this.config = config;
    this.approvals = approvals;
    this.publicUrl = publicUrl;
  }

  void told(@ObservesAsync RunOutcome outcome) {
    if (!slack.configured() || config.channel().isEmpty()) {
      return;
    }
    switch (outcome) {
      case RunOutcome.Ended ended -> post(ended.run().id(), text(ended.run()));
      case RunOutcome.Suppressed suppressed -> {
        if (firstInAWhile(suppressed.decision())) {
          post(null, text(suppressed.decision()));
        }
      }
    }
  }

  private String text(Run run) {
    String link = "<" + runUrl(run.id()) + "|run " + run.id() + ">";
    String subject = ApprovalBlocks.escape(run.workflow() + " for " + run.dedupKey());
    if (run.status() == RunStatus.SUCCEEDED) {
      return ":white_check_mark: " + subject + " succeeded (" + link + ")";
    }
    String why =
        run.failure()
            .map(f -> f.reason().wireName() + ": " + ApprovalBlocks.escape(f.message()))
            .orElse(ApprovalBlocks.escape(run.endNote()));
    return ":x: "
        + subject
        + " "
        + run.status().wireName()
        + (why.isBlank() ? "" : " — " + why)
        + " ("
        + link
        + ")";
  }

  private static String text(GuardDecision decision) {
    return ":no_entry: "
        + ApprovalBlocks.escape(decision.workflow() + " for " + decision.dedupKey())
        + " suppressed by "
        + decision.guard().map(g -> g.wireName()).orElse("a guard")
        + ": "
        + ApprovalBlocks.escape(decision.detail())
        + " (told at most once in "
        + QUIET_MINUTES
        + " minutes)";
  }

  private synchronized boolean firstInAWhile(GuardDecision decision) {
    String key =
        decision.workflow()
            + "\n"
            + decision.dedupKey()
            + "\n"
            + decision.guard().map(Enum::name).orElse("");
    Instant last = lastTold.get(key);
    if (last != null && last.plus(Duration.ofMinutes(QUIET_MINUTES)).isAfter(decision.at())) {
      return false;
    }
    lastTold.put(key, decision.at());
    return true;
  }

  private void post(String runId, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", config.channel().orElseThrow());
    body.put("text", text);
    if (runId != null) {
      approvals.latestMessage(runId).ifPresent(m -> body.put("thread_ts", m.ts()));
    }
    try {
      slack.call("chat.postMessage", body);
    } catch (SlackWebApi.SlackCallException e) {
      Log.warnf("Run outcome not told in Slack: %s", e.getMessage());
    }
  }

  private String runUrl(String runId) {
    return publicUrl.toString().replaceAll("/+$", "") + "/api/v1/runs/" + runId;
  }
}
