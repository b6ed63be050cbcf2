package dev.remedy.approval;

import java.time.Instant;

/**
 * A recorded decision.
 *
 * @param voter who, as the policy knows them (a Slack user id, or the principal's linked Slack id)
 * @param via the channel it came through
 */
public record Vote(
    String voter, boolean approve, Channel via, Instant at, String comment, String requestId) {}
