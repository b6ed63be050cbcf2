package dev.remedy.run;

import dev.remedy.guard.AutomationSwitch;
import dev.remedy.guard.AutomationSwitches;
import java.time.Clock;

/** The global switch, held in memory; starts enabled and not dry-run. */
final class FakeAutomationSwitches implements AutomationSwitches {

  private final Clock clock;
  private volatile AutomationSwitch current;

  FakeAutomationSwitches(Clock clock) {
    this.clock = clock;
    this.current = new AutomationSwitch(true, false, "config", clock.instant());
  }

  @Override
  public AutomationSwitch current() {
    return current;
  }

  @Override
  public AutomationSwitch set(boolean enabled, boolean dryRun, String changedBy) {
    current = new AutomationSwitch(enabled, dryRun, changedBy, clock.instant());
    return current;
  }
}
