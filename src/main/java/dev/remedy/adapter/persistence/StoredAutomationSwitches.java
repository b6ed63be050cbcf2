package dev.remedy.adapter.persistence;

import dev.remedy.audit.Actor;
import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
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
 * Every {@link #set} writes {@code automation.changed} with the change: actor {@code
 * user:<principal>}, or {@code system} for the start-up configuration ({@code changedBy} {@value
 * #CONFIG}).
 */
@ApplicationScoped
public class StoredAutomationSwitches implements AutomationSwitches {

  /** {@code changedBy} of the start-up configuration ({@code AutomationStartup}). */
  static final String CONFIG = "config";

  private static final long FRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

  private final AutomationSwitchRepository rows;
  private final Clock clock;
  private volatile AutomationSwitch cached;
  private volatile long cachedAt;

  private final AuditLog audit;

  public StoredAutomationSwitches(AutomationSwitchRepository rows, Clock clock, AuditLog audit) {
    this.rows = rows;
    this.clock = clock;
    this.audit = audit;
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
    boolean wasEnabled = create || row.enabled;
    boolean wasDryRun = !create && row.dryRun;
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
    boolean config = CONFIG.equals(changedBy);
    audit.append(
        new AuditEvent.AutomationChanged(
            config ? Actor.SYSTEM : Actor.user(changedBy),
            enabled,
            dryRun,
            wasEnabled,
            wasDryRun,
            config
                ? "start-up configuration (remedy.automation.enabled, remedy.dry-run)"
                : "operator request"));
    AutomationSwitch position =
        new AutomationSwitch(row.enabled, row.dryRun, row.changedBy, row.changedAt);
    cached = position;
    cachedAt = System.nanoTime();
    return position;
  }
}
