package dev.remedy.config;

import dev.remedy.alert.AlertPruning;
import dev.remedy.alert.AlertRetention;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs {@link AlertRetention} every {@code remedy.retention.interval} in this replica. Every
 * replica runs it: the deletes are idempotent, so passes that overlap on several replicas only
 * share the work. Counts {@code remedy_retention_deleted_total{table}} and logs one line per pass
 * that deleted something; a failed pass is logged and the next one carries on (every batch that
 * committed stays deleted).
 */
@ApplicationScoped
public class RetentionRunner {

  private final Optional<AlertRetention> retention;
  private final Clock clock;
  private final ServiceLifecycle lifecycle;

  public RetentionRunner(
      AlertPruning pruning,
      RetentionConfig config,
      MeterRegistry registry,
      Clock clock,
      ServiceLifecycle lifecycle) {
    this.clock = clock;
    this.lifecycle = lifecycle;
    Metrics metrics = new Metrics(registry);
    this.retention =
        config.alerts().isZero()
            ? Optional.empty()
            : Optional.of(
                new AlertRetention(pruning, config.alerts(), config.batchSize(), metrics));
  }

  @Scheduled(
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      identity = "remedy-retention",
      every = "${remedy.retention.interval}",
      delayed = "${remedy.retention.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      prune();
    } catch (RuntimeException e) {
      if (lifecycle.stopping()) {
        Log.debugf("Retention: the pass ended by the stop (%s)", e.getMessage());
      } else {
        Log.warnf(e, "Retention: the pass failed (%s); the next one carries on", e.getMessage());
      }
    }
  }

  /**
   * One pass now (the schedule's; tests call it directly). One at a time in this replica.
   *
   * @return what it deleted; empty when retention is off ({@code remedy.retention.alerts=0})
   */
  public synchronized Optional<AlertRetention.Pass> prune() {
    if (retention.isEmpty()) {
      return Optional.empty();
    }
    long start = System.nanoTime();
    AlertRetention.Pass pass = retention.get().prune(clock.instant());
    if (pass.deletedAny()) {
      Log.infof(
          "Retention: deleted %d alert states and %d notifications last sent before %s"
              + " (%d transactions, %d ms)",
          pass.alertStates(),
          pass.notifications(),
          pass.cutoff(),
          pass.batches(),
          Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
    return Optional.of(pass);
  }

  /** {@code remedy_retention_deleted_total{table="alert"|"notification"}}. */
  private static final class Metrics implements AlertRetention.Observer {

    private final Counter alertStates;
    private final Counter notifications;

    Metrics(MeterRegistry registry) {
      alertStates = deleted(registry, "alert");
      notifications = deleted(registry, "notification");
    }

    private static Counter deleted(MeterRegistry registry, String table) {
      return Counter.builder("remedy.retention.deleted")
          .description("Rows deleted by retention (remedy.retention.alerts)")
          .tag("table", table)
          .register(registry);
    }

    @Override
    public void alertStatesDeleted(int count) {
      alertStates.increment(count);
    }

    @Override
    public void notificationsDeleted(int count) {
      notifications.increment(count);
    }
  }
}
