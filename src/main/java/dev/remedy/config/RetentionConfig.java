package dev.remedy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Retention of stored alert data ({@code dev.remedy.alert.AlertRetention}, docs/design/004): what
 * is deleted, how often and in how large transactions. Runs are never deleted by it.
 */
@ConfigMapping(prefix = "remedy.retention")
public interface RetentionConfig {

  /**
   * Alert states and notifications are deleted this long after Alertmanager last sent them; {@code
   * 0} keeps them for ever. Must be longer than the longest gap between two sends of a still-firing
   * alert ({@code repeat_interval}, at most Alertmanager's {@code --data.retention}, 120h by
   * default), or a re-send after the gap is stored as new: at least 1 hour, and a warning below 5
   * days.
   */
  @WithDefault("30d")
  Duration alerts();

  /** How often a pass runs; the first one this long after start-up. */
  @WithDefault("10m")
  Duration interval();

  /** Rows deleted per transaction at most: short transactions, no long locks. */
  @WithDefault("1000")
  int batchSize();
}
