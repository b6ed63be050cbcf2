package dev.remedy.run;

/** Which list of steps a run is in: its {@code steps}, or its {@code onFailure} steps. */
public enum Phase {
  STEPS,
  ON_FAILURE
}
