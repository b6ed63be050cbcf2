package dev.remedy.guard;

import java.util.Map;

/**
 * Port: the global guard settings as the audit log last recorded them ({@code guards.configured}).
 */
public interface GuardSettingsHistory {

  /**
   * Records {@code settings} as {@code guards.configured} unless the last such event recorded the
   * same, in a transaction of its own. Replicas starting together with the same settings record
   * them once; with different settings (a rolling change), each records its own, in commit order.
   *
   * @return whether an event was recorded
   * @throws RuntimeException when the database cannot be reached (nothing is recorded: call again)
   */
  boolean recordIfChanged(Map<String, String> settings);
}
