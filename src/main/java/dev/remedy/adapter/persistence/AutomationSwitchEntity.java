package dev.remedy.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The single row of the global switch. Table {@code automation_switch}. */
@Entity
@Table(name = "automation_switch")
public class AutomationSwitchEntity {

  /** Always {@value #ROW}. */
  public static final int ROW = 1;

  @Id public Integer id;

  @Column(nullable = false)
  public boolean enabled;

  @Column(name = "dry_run", nullable = false)
  public boolean dryRun;

  @Column(name = "changed_by", nullable = false, length = 256)
  public String changedBy;

  @Column(name = "changed_at", nullable = false)
  public Instant changedAt;
}
