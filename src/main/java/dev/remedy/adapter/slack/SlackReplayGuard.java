package dev.remedy.adapter.slack;

import dev.remedy.approval.SignedCallbacks;
import dev.remedy.config.ServiceLifecycle;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;

/**
 * Accepts each signed Slack request once, on every replica together (the signatures are stored),
 * and forgets them when no replay of them could pass the timestamp check any more.
 */
@ApplicationScoped
public class SlackReplayGuard {

  /**
   * A request is accepted while its timestamp is within five minutes of our clock, either way: one
   * stamped five minutes ahead and received at once can come again up to ten minutes later.
   */
  static final Duration RETENTION = SlackSignatures.WINDOW.multipliedBy(2);

  private final SignedCallbacks callbacks;
  private final Clock clock;
  private final ServiceLifecycle lifecycle;

  public SlackReplayGuard(SignedCallbacks callbacks, Clock clock, ServiceLifecycle lifecycle) {
    this.callbacks = callbacks;
    this.clock = clock;
    this.lifecycle = lifecycle;
  }

  /** True the first time; the signature is stored before this returns. */
  boolean firstSeen(String signature) {
    return callbacks.firstSeen(signature, clock.instant());
  }

  @Scheduled(
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      every = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void forgetOld() {
    try {
      int forgotten = callbacks.forgetBefore(clock.instant().minus(RETENTION));
      Log.debugf("Forgot %d Slack request signatures older than %s", forgotten, RETENTION);
    } catch (RuntimeException e) {
      if (lifecycle.stopping()) {
        Log.debugf("Old Slack request signatures not forgotten: the service is stopping (%s)", e);
      } else {
        Log.warnf(
            "Could not forget old Slack request signatures (%s); trying again", e.getMessage());
      }
    }
  }
}
