package dev.remedy.adapter.persistence;

import dev.remedy.guard.AutomationSwitch;
import dev.remedy.guard.AutomationSwitches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** The global switch as one row of {@code automation_switch}, shared by every replica. */
@ApplicationScoped
public class StoredAutomationSwitches implements AutomationSwitches {

  private final AutomationSwitchRepository rows;
  private final Clock clock;

  public StoredAutomationSwitches(AutomationSwitchRepository rows, Clock clock) {
    this.rows = rows;
    this.clock = clock;
  }

  @Override
  @Transactional
  public AutomationSwitch current() {
    AutomationSwitchEntity row = rows.findById(AutomationSwitchEntity.ROW);
    if (row == null) {
      return new AutomationSwitch(true, false, "default", clock.instant());
    }
    AutomationSwitch position =
        new AutomationSwitch(row.enabled, row.dryRun, row.changedBy, row.changedAt);
    rows.getEntityManager().detach(row);
    return position;
  }

  @Override
  @Transactional
  public AutomationSwitch set(boolean enabled, boolean dryRun, String changedBy) {
    AutomationSwitchEntity row = rows.findById(AutomationSwitchEntity.ROW);
    boolean create = row == null;
    if (create) {
      row = new AutomationSwitchEntity();
      row.id = AutomationSwitchEntity.ROW;
    }
    row.enabled = enabled;
    row.dryRun = dryRun;
    row.changedBy = changedBy;
    row.changedAt = clock.instant();
    if (create) {
      rows.persist(row);
    }
    return new AutomationSwitch(row.enabled, row.dryRun, row.changedBy, row.changedAt);
  }
}
