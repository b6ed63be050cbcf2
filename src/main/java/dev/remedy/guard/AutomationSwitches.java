package dev.remedy.guard;

/** Port: the stored global switch, shared by every replica. */
public interface AutomationSwitches {

  /** The switch as stored now (read on every decision, so a change applies at once everywhere). */
  AutomationSwitch current();

  /**
   * Stores a new position of the switch, in a transaction of its own, with its {@code
   * automation.changed} audit event.
   *
   * @param changedBy the principal who asked (the API), or {@code config} for the start-up
   *     configuration (audited as the actor {@code system})
   */
  AutomationSwitch set(boolean enabled, boolean dryRun, String changedBy);
}
