package dev.remedy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The run engine: how many runs execute at once and how it finds due runs. */
@ConfigMapping(prefix = "remedy.engine")
public interface EngineConfig {

  /** Runs driven at the same time by this replica (each on a virtual thread). */
  @WithDefault("32")
  int workers();

  /**
   * How often the sweep looks for due runs: expired leases (a crashed replica), wake-ups of waits,
   * retries and parked runs. New runs do not wait for it: ingest wakes the engine at once.
   */
  @WithDefault("1s")
  Duration sweepInterval();

  /**
   * How long a claimed run stays with its worker beyond the current call's timeout. After a crash,
   * another worker takes the run this long after the call's deadline at the latest.
   */
  @WithDefault("30s")
  Duration leaseMargin();

  /** How often a rollout is looked at again while a waitForRollout step waits. */
  @WithDefault("5s")
  Duration pollInterval();

  /** How often a run parked by the kill switch or the action budget looks again. */
  @WithDefault("15s")
  Duration parkRecheck();

  /** Steps one worker executes for a run before it lets other due runs go first. */
  @WithDefault("50")
  int maxStepsPerClaim();

  /** On shutdown, how long running steps may take to finish before the process exits anyway. */
  @WithDefault("10s")
  Duration shutdownTimeout();
}
