package dev.remedy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Service-wide guardrails (per-workflow ones are in the workflow's {@code spec.guards}). */
@ConfigMapping(prefix = "remedy.guards")
public interface GuardsConfig {

  /**
   * Mutating actions (restart, scale, shiftTraffic, rotateSecret, revert) the whole service may
   * start per {@link #actionWindow()}, dry runs not counted. When spent, runs park before their
   * next mutating step until the window has room: a storm of alerts cannot turn into a storm of
   * changes. {@code 0} switches the budget off.
   */
  @WithDefault("20")
  int maxActionsPerWindow();

  @WithDefault("10m")
  Duration actionWindow();
}
