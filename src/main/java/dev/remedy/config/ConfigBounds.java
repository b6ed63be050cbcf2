package dev.remedy.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Refuses to start when a numeric setting is out of its range, naming every such key at once.
 *
 * <p>Written by hand instead of {@code @Min}/{@code @Max} on the {@code @ConfigMapping} interfaces:
 * with a single constraint on any mapping, Quarkus builds Hibernate Validator's metadata for every
 * configuration interface of the application and its extensions (about 200) at each JVM start-up,
 * which was nearly a fifth of the main thread's start-up work (BENCHMARKS.md, "Start-up and
 * memory"). It observes start-up before every other observer, so no bean builds a pool or a queue
 * from a value it refuses.
 */
@Singleton
public class ConfigBounds {

  /** A setting, its value and the range it must be in (both ends included). */
  record Bound(String key, long value, long min, long max) {
    boolean holds() {
      return value >= min && value <= max;
    }

    String problem() {
      return key
          + " is "
          + value
          + ": it must be "
          + (max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max);
    }
  }

  private final List<Bound> bounds;

  public ConfigBounds(
      IngestConfig ingest,
      DatasourceConfig datasource,
      EngineConfig engine,
      GuardsConfig guards,
      RetentionConfig retention) {
    this.bounds =
        List.of(
            new Bound("remedy.ingest.queue-capacity", ingest.queueCapacity(), 1, 100_000),
            new Bound(
                "remedy.ingest.batch-max-notifications", ingest.batchMaxNotifications(), 1, 10_000),
            new Bound("remedy.ingest.batch-max-alerts", ingest.batchMaxAlerts(), 1, Long.MAX_VALUE),
            new Bound(
                "remedy.datasource.query-timeout-ms",
                datasource.queryTimeoutMs(),
                0,
                Long.MAX_VALUE),
            new Bound("remedy.engine.workers", engine.workers(), 1, 1024),
            new Bound(
                "remedy.engine.max-steps-per-claim", engine.maxStepsPerClaim(), 1, Long.MAX_VALUE),
            new Bound(
                "remedy.guards.max-actions-per-window",
                guards.maxActionsPerWindow(),
                0,
                Long.MAX_VALUE),
            new Bound("remedy.retention.batch-size", retention.batchSize(), 1, 10_000));
  }

  /** The settings checked, with their values. */
  List<Bound> bounds() {
    return bounds;
  }

  void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
    check(bounds.stream());
  }

  /**
   * @throws IllegalStateException naming every setting out of its range
   */
  static void check(Stream<Bound> bounds) {
    String problems =
        bounds.filter(b -> !b.holds()).map(Bound::problem).collect(Collectors.joining("; "));
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Configuration out of range: " + problems);
    }
  }
}
