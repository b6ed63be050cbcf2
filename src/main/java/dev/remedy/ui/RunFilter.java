package dev.remedy.ui;

/** The runs list's filters as the form sent them; blank means any. */
public record RunFilter(String status, String workflow, String cursor) {
  /** The query string that repeats these filters (for the refresh and the next page). */
  public String query() {
    return QueryString.of("status", status, "workflow", workflow);
  }
}
