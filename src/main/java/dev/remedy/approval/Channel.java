package dev.remedy.approval;

/** Where a decision came from. */
public enum Channel {
  /** A signed Slack interactivity callback: the voter is the Slack user id. */
  SLACK,
  /** {@code POST /api/v1/approvals/{id}/decision}: the voter is the authenticated principal. */
  API,
  /** The operator web UI's Approve/Reject: the voter is the signed-in principal. */
  UI
}
