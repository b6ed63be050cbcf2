package dev.remedy.approval;

/** Where a decision came from. */
public enum Channel {
  /** A signed Slack interactivity callback: the voter is the Slack user id. */
  SLACK,
  /** {@code POST /api/v1/approvals/{id}/decision}: the voter is the authenticated principal. */
  API,
  /** The operator web UI's Approve/Reject: the voter is the signed-in principal. */
  UI;

  /** How people call it, after "via": {@code Slack}, {@code the API}, {@code the web UI}. */
  public String spoken() {
    return switch (this) {
      case SLACK -> "Slack";
      case API -> "the API";
      case UI -> "the web UI";
    };
  }
}
