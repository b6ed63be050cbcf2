package dev.remedy.approval;

import java.time.Duration;

/**
 * An approval left {@code pending}: for metrics, and for the Slack message to show it. Fired after
 * the transaction that decided it commits.
 *
 * @param waited from the request to the decision
 */
public record ApprovalSettled(
    String approvalId, String runId, ApprovalStatus status, Duration waited) {}
