package dev.remedy.audit;

import java.util.Optional;

/**
 * What verifying the chain found.
 *
 * @param count events checked
 * @param fromSeq the first event checked is {@code fromSeq + 1} (0, or the checkpoint's number)
 * @param headSeq the last valid event's number
 * @param headHash the last valid event's hash: anchor it outside the database
 * @param firstInvalidSeq the first event number that does not verify (missing, altered, reordered,
 *     inserted), when there is one
 * @param problem what is wrong with it
 */
public record Verification(
    boolean valid,
    long count,
    long fromSeq,
    long headSeq,
    String headHash,
    Optional<Long> firstInvalidSeq,
    Optional<String> problem) {}
