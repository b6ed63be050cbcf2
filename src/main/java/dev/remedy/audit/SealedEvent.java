package dev.remedy.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * An event as the chain holds it: its place ({@code seq}), the canonical JSON {@code body} that was
 * hashed, and the hashes linking it to the event before. The other fields repeat what the body
 * says, for queries; the verifier checks they agree with it.
 *
 * @param body canonical JSON of {@code {seq, at, type, actor, runId?, workflow?, details}}
 * @param hash lower-case hex SHA-256 of {@code prevHash + body} (both as UTF-8)
 */
public record SealedEvent(
    long seq,
    Instant at,
    String type,
    String actor,
    Optional<String> runId,
    Optional<String> workflow,
    String body,
    String prevHash,
    String hash) {}
