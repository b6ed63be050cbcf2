package dev.remedy.adapter.persistence;

import dev.remedy.guard.AutomationSwitch;
import dev.remedy.guard.AutomationSwitches;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * The global switch as one row of {@code automation_switch}, shared by every replica. Read at most
 * once a second per replica (the engine asks before every mutating step, ingest once per
 * transaction): a change made on this replica applies at once, one made on another within a second.
 */
@ApplicationScoped
public class StoredAutomationSwitches implements AutomationSwitches {

  private static final long FRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

  private final AutomationSwitchRepository rows;
  private final Clock clock;
  private volatile AutomationSwitch cached;
  private volatile long cachedAt;

  public StoredAutomationSwitches(AutomationSwitchRepository rows, Clock clock) {
    this.rows = rows;
    this.clock = clock;
  }

  @Override
  public AutomationSwitch current() {
    AutomationSwitch known = cached;
    if (known != null && System.nanoTime() - cachedAt < FRESH_NANOS) {
      return known;
    }
    AutomationSwitch read = QuarkusTransaction.joiningExisting().call(this::read);
    cachedAt = System.nanoTime();
    cached = read;
    return read;
  }

  private AutomationSwitch read() {
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
    AutomationSwitch position =
        new AutomationSwitch(row.enabled, row.dryRun, row.changedBy, row.changedAt);
    cached = position;
    cachedAt = System.nanoTime();
    return position;
  }
}
