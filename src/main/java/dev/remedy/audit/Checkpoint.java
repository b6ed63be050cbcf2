package dev.remedy.audit;

import java.time.Instant;

/**
 * Where the stored chain starts after old events were archived and removed: the last removed
 * event's number and hash, signed so that a forged checkpoint (to hide removed events) is detected.
 *
 * @param signature lower-case hex HMAC-SHA256 over {@code seq + ":" + hash} with the configured
 *     checkpoint key; empty when no key is configured
 */
public record Checkpoint(long seq, String hash, Instant at, String archive, String signature) {}
