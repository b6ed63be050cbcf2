package dev.remedy.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remedy.alert.Alert;
import dev.remedy.approval.ApprovalSettled;
import dev.remedy.approval.ApprovalStore;
import dev.remedy.approval.ApprovalStore.SlackWork;
import dev.remedy.config.ServiceLifecycle;
import dev.remedy.run.RunHistory;
import dev.remedy.run.RunQueries;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Posts each approval's Slack message ({@code chat.postMessage}) and updates it when the approval
 * moves ({@code chat.update}), from the approval table: what is due is data, so a message that
 * Slack refused (down, rate-limited) is tried again with backoff, across restarts and replicas, and
 * never blocks the approval itself (the REST path decides without it).
 */
@ApplicationScoped
public class SlackApprovalMessages {

  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
  private static final Duration MAX_RETRY = Duration.ofMinutes(5);

  private final ApprovalStore approvals;
  private final RunQueries runs;
  private final SlackWebApi slack;
  private final SlackConfig config;
  private final URI publicUrl;
  private final Clock clock;
  private final ServiceLifecycle lifecycle;

  public SlackApprovalMessages(
      ApprovalStore approvals,
      RunQueries runs,
      SlackWebApi slack,
      SlackConfig config,
      @ConfigProperty(name = "remedy.public-url", defaultValue = "http://localhost:8080")
          URI publicUrl,
      Clock clock,
      ServiceLifecycle lifecycle) {
    this.approvals = approvals;
    this.runs = runs;
    this.slack = slack;
    this.config = config;
    this.publicUrl = publicUrl;
    this.clock = clock;
    this.lifecycle = lifecycle;
  }

  /** A decision was committed: show it now rather than at the next tick. */
  void settled(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApprovalSettled event) {
    Thread.ofVirtual().name("remedy-slack-approvals").start(this::deliver);
  }

  @Scheduled(
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      every = "${remedy.slack.delivery-interval:2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    try {
      deliver();
    } catch (RuntimeException e) {
      if (!lifecycle.stopping()) {
        throw e;
      }
      Log.debugf("Slack messages not delivered: the service is stopping (%s)", e.getMessage());
    }
  }

  /** Posts or updates every message that is due; answers how many were handled. */
  public synchronized int deliver() {
    Instant now = clock.instant();
    int handled = 0;
    for (SlackWork work : approvals.claimSlackWork(now, LEASE, 20)) {
      handled++;
      String id = work.approval().id();
      Optional<String> channel =
          Optional.of(work.approval().channel()).filter(c -> !c.isBlank()).or(config::channel);
      if (!slack.configured() || channel.isEmpty()) {
        Log.infof(
            "Approval %s of run %s: no Slack %s configured; decide it with POST"
                + " /api/v1/approvals/%s/decision",
            id, work.approval().runId(), slack.configured() ? "channel" : "bot token", id);
        approvals.slackSkipped(id);
        continue;
      }
      try {
        Map<String, Object> body = new LinkedHashMap<>(message(work));
        body.put("channel", channel.get());
        if (work.ts().isEmpty()) {
          JsonNode answer = slack.call("chat.postMessage", body);
          approvals.slackPosted(
              id,
              answer.path("channel").asText(channel.get()),
              answer.path("ts").asText(),
              work.approval().status());
        } else {
          body.put("ts", work.ts().get());
          slack.call("chat.update", body);
          approvals.slackUpdated(id, work.approval().status());
        }
      } catch (SlackWebApi.SlackCallException e) {
        int attempts = work.attempts() + 1;
        Duration wait =
            e.retryAfter()
                .orElse(
                    FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 10)).compareTo(MAX_RETRY)
                            > 0
                        ? MAX_RETRY
                        : FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 10)));
        Log.warnf(
            "Slack message of approval %s not delivered (try %d, next in %s): %s",
            id, attempts, wait, e.getMessage());
        approvals.slackFailed(id, attempts, now.plus(wait), e.getMessage());
      }
    }
    return handled;
  }

  private Map<String, Object> message(SlackWork work) {
    Optional<Alert> alert =
        runs.history(work.approval().runId()).map(RunHistory::run).map(r -> r.alert());
    return ApprovalBlocks.message(
        work.approval(), alert, approvals.votes(work.approval()), publicUrl);
  }
}
