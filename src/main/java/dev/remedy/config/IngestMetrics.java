package dev.remedy.config;

import dev.remedy.alert.ConcurrentIngestException;
import dev.remedy.alert.GroupCommit;
import dev.remedy.alert.Notification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.List;

/**
 * Reports the group commit: {@code remedy_ingest_batch_size} (notifications per transaction),
 * {@code remedy_ingest_batch_alerts}, {@code remedy_ingest_queue_wait_seconds} (from request to the
 * start of its batch) and {@code remedy_ingest_batch_fallbacks_total{cause}}; logs fallbacks.
 */
final class IngestMetrics implements GroupCommit.Observer {

  private final DistributionSummary batchSize;
  private final DistributionSummary batchAlerts;
  private final Timer queueWait;
  private final Counter conflictFallbacks;
  private final Counter failureFallbacks;

  IngestMetrics(MeterRegistry registry) {
    batchSize =
        DistributionSummary.builder("remedy.ingest.batch.size")
            .description("Notifications stored in one transaction (group commit)")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128)
            .register(registry);
    batchAlerts =
        DistributionSummary.builder("remedy.ingest.batch.alerts")
            .description("Alerts in the notifications stored in one transaction")
            .register(registry);
    queueWait =
        Timer.builder("remedy.ingest.queue.wait")
            .description("Time a notification waited for its batch to start")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    conflictFallbacks = fallbacks(registry, "conflict");
    failureFallbacks = fallbacks(registry, "failure");
  }

  private static Counter fallbacks(MeterRegistry registry, String cause) {
    return Counter.builder("remedy.ingest.batch.fallbacks")
        .description("Batch transactions that failed, their notifications then stored one by one")
        .tag("cause", cause)
        .register(registry);
  }

  @Override
  public void taken(int notifications, int alerts, List<Duration> waits) {
    batchSize.record(notifications);
    batchAlerts.record(alerts);
    waits.forEach(queueWait::record);
  }

  @Override
  public void fellBack(int notifications, RuntimeException cause) {
    if (cause instanceof ConcurrentIngestException) {
      // Expected now and then with several replicas: HA peers deliver the same notification.
      conflictFallbacks.increment();
      Log.debugf(
          "a concurrent transaction stored the same keys as a batch of %d notifications;"
              + " storing them one by one",
          notifications);
    } else {
      failureFallbacks.increment();
      Log.warnf(
          "a batch of %d notifications failed to commit (%s); storing them one by one",
          notifications, rootMessage(cause));
    }
  }

  @Override
  public void retrying(Notification notification, int attempt) {
    Log.debugf(
        "concurrent delivery of group %s, storing again (attempt %d)",
        notification.groupKey(), attempt + 1);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
