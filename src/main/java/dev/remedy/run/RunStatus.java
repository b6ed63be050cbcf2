package dev.remedy.run;

import java.util.Locale;

/**
 * Where a run is. The first three are active: at most one active run per workflow and dedup key.
 */
public enum RunStatus {
  /** Created from an alert, no step started yet. */
  QUEUED,
  /** A worker holds it and is executing a step. */
  RUNNING,
  /** Stored with a wake-up time: an approval, a rollout, a retry backoff, a parked guard. */
  WAITING,
  SUCCEEDED,
  /** A step failed for good (after its retries and the onFailure steps). */
  FAILED,
  /** An approval was rejected. */
  REJECTED,
  /** An approval expired without a decision (and onTimeout said reject). */
  EXPIRED,
  CANCELLED;

  public boolean active() {
    return this == QUEUED || this == RUNNING || this == WAITING;
  }

  /** The lower-case name used in the API, metrics and the database. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunStatus fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
