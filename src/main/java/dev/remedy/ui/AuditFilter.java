package dev.remedy.ui;

/** The audit page's filters as the form sent them; blank means any. */
public record AuditFilter(String type, String actor, String run, String since) {
  /** The query string that repeats these filters (for links and the next page). */
  public String query() {
    return QueryString.of("type", type, "actor", actor, "run", run, "since", since);
  }
}
