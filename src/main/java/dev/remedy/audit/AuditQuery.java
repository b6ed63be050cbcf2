package dev.remedy.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * A page of the audit log, newest first.
 *
 * @param beforeSeq the cursor: only events numbered below it
 */
public record AuditQuery(
    Optional<String> runId,
    Optional<String> type,
    Optional<String> actor,
    Optional<Instant> since,
    Optional<Instant> until,
    Optional<Long> beforeSeq,
    int limit) {}
