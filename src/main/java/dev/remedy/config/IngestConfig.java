package dev.remedy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Group commit of Alertmanager notifications ({@code dev.remedy.alert.GroupCommit}): how many
 * requests may wait for a commit and how many share one transaction.
 */
@ConfigMapping(prefix = "remedy.ingest")
public interface IngestConfig {

  /**
   * Notifications waiting to be stored before more are refused with 503 and {@code Retry-After}
   * (Alertmanager retries). Bounds the memory and the wait of a burst.
   */
  @WithDefault("1000")
  int queueCapacity();

  /** Notifications stored in one transaction at most. 1 turns group commit off. */
  @WithDefault("64")
  int batchMaxNotifications();

  /** Alerts stored in one transaction at most; a larger notification is stored alone. */
  @WithDefault("1000")
  int batchMaxAlerts();

  /**
   * On shutdown, how long the notifications already waiting may take to be stored; any left after
   * it are answered 503.
   */
  @WithDefault("10s")
  Duration shutdownTimeout();
}
