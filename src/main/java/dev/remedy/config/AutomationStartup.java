package dev.remedy.config;

import dev.remedy.guard.AutomationSwitch;
import dev.remedy.guard.AutomationSwitches;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sets the start-up position of the global switch. The switch is stored in the database and changed
 * with {@code PUT /api/v1/automation}; here {@code remedy.automation.enabled=false} and {@code
 * remedy.dry-run=true} force the safe position, while the permissive defaults never undo an
 * operator's stored decision: a kill switch pulled during an incident stays pulled across restarts
 * and replicas.
 */
@ApplicationScoped
public class AutomationStartup {

  private final AutomationSwitches switches;
  private final boolean enabled;
  private final boolean dryRun;

  public AutomationStartup(
      AutomationSwitches switches,
      @ConfigProperty(name = "remedy.automation.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "remedy.dry-run", defaultValue = "false") boolean dryRun) {
    this.switches = switches;
    this.enabled = enabled;
    this.dryRun = dryRun;
  }

  private volatile boolean applied;

  void onStart(@Observes @Priority(10) StartupEvent event) {
    tryApply();
  }

  /** A database that was down at start-up gets the start-up position once it is back. */
  @Scheduled(
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      every = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void retry() {
    if (!applied) {
      tryApply();
    }
  }

  /**
   * Synchronized: the start-up observer and the first scheduled retry may otherwise both insert.
   */
  private synchronized void tryApply() {
    if (applied) {
      return;
    }
    try {
      apply();
      applied = true;
    } catch (RuntimeException e) {
      Log.warnf(
          "Could not read the automation switch (%s); trying again in 10 s. Until then new runs"
              + " cannot be created either.",
          e.getMessage());
    }
  }

  private void apply() {
    AutomationSwitch stored = switches.current();
    boolean neverSet = stored.changedBy().equals("default");
    boolean wantEnabled = neverSet ? enabled : stored.enabled() && enabled;
    boolean wantDryRun = neverSet ? dryRun : stored.dryRun() || dryRun;
    if (neverSet || wantEnabled != stored.enabled() || wantDryRun != stored.dryRun()) {
      stored = switches.set(wantEnabled, wantDryRun, "config");
    }
    if (!stored.enabled()) {
      Log.warnf(
          "Automation is switched off (by %s at %s): new runs are suppressed and running ones park"
              + " before their next mutating step. PUT /api/v1/automation turns it back on.",
          stored.changedBy(), stored.changedAt());
    } else if (stored.dryRun()) {
      Log.warnf(
          "Dry-run is on (by %s at %s): every mutation is sent with dryRun=All and changes nothing.",
          stored.changedBy(), stored.changedAt());
    }
  }
}
