package dev.remedy.approval;

import java.util.Objects;

/**
 * One person's answer to one approval.
 *
 * @param approvalId the opaque id of the approval (the Slack button's {@code value})
 * @param approve approve or reject
 * @param comment free text, may be empty
 * @param requestId what identifies the request it came in (Slack {@code trigger_id}, an HTTP
 *     request id), for the audit
 */
public record Decision(
    String approvalId, Voter voter, boolean approve, String comment, String requestId) {
  public Decision {
    Objects.requireNonNull(approvalId);
    Objects.requireNonNull(voter);
    comment = comment == null ? "" : comment;
    requestId = requestId == null ? "" : requestId;
  }
}
