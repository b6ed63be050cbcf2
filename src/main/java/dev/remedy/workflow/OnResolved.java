package dev.remedy.workflow;

/** What a 'resolved' notification does to a run of this workflow that is still active. */
public enum OnResolved {
  /** Cancel the run (the default): the problem went away by itself. */
  CANCEL,
  /** Let the run go on. */
  IGNORE,
  /** Finish the run as succeeded at its next step boundary. */
  COMPLETE
}
