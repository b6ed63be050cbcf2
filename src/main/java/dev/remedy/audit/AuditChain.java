package dev.remedy.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How events are sealed into the chain: {@code hash = SHA-256(prevHash ‖ body)}, where {@code
 * prevHash} is the previous event's hash as 64 lower-case hex characters ({@link #GENESIS} before
 * the first event) and {@code body} the {@link CanonicalJson} of the event's envelope:
 *
 * <pre>
 * {"actor":..,"at":..,"details":{..},"runId":..,"seq":..,"type":..,"workflow":{"digest":..,"name":..}}
 * </pre>
 *
 * ({@code runId} and {@code workflow} only when the event has them).
 */
public final class AuditChain {

  /** The hash before the first event. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /** Seals an event as number {@code seq} after the event whose hash is {@code prevHash}. */
  public static SealedEvent seal(long seq, Instant at, AuditEvent event, String prevHash) {
    return prepare(at, event).seal(seq, prevHash);
  }

  /**
   * An event made ready to seal before its number is known: everything but the number is written
   * (redacted and canonical) outside the chain head lock, so that holding the lock costs a hash.
   */
  public static Prepared prepare(Instant at, AuditEvent event) {
    Instant time = at.truncatedTo(ChronoUnit.MILLIS);
    String written = CanonicalJson.write(envelope(PLACEHOLDER, time, event));
    // "seq" sorts after "actor", "at", "details" and "runId" and before "type" and "workflow",
    // whose values never hold the placeholder: its last occurrence is the envelope's seq.
    int split = written.lastIndexOf(PLACEHOLDER_TEXT);
    return new Prepared(
        time,
        event,
        written.substring(0, split),
        written.substring(split + PLACEHOLDER_TEXT.length()));
  }

  private static final long PLACEHOLDER = Long.MIN_VALUE;
  private static final String PLACEHOLDER_TEXT = "\"seq\":" + PLACEHOLDER;

  /** An event written but for its number; {@link #seal} it under the chain head lock. */
  public record Prepared(Instant at, AuditEvent event, String beforeSeq, String afterSeq) {

    public SealedEvent seal(long seq, String prevHash) {
      return staged().seal(seq, prevHash);
    }

    /** What is stored until the event is sealed. */
    public Staged staged() {
      return new Staged(
          at,
          event.type(),
          event.actor().id(),
          event.runId(),
          event.workflow().map(WorkflowVersion::name),
          beforeSeq,
          afterSeq);
    }
  }

  /**
   * A prepared event as it waits, stored, to be sealed: the envelope's columns and its canonical
   * text on either side of the number.
   */
  public record Staged(
      Instant at,
      String type,
      String actor,
      java.util.Optional<String> runId,
      java.util.Optional<String> workflow,
      String beforeSeq,
      String afterSeq) {

    public SealedEvent seal(long seq, String prevHash) {
      String body = beforeSeq + "\"seq\":" + seq + afterSeq;
      return new SealedEvent(
          seq, at, type, actor, runId, workflow, body, prevHash, hash(prevHash, body));
    }
  }

  /** The object {@link #seal} writes canonically. */
  public static Map<String, Object> envelope(long seq, Instant at, AuditEvent event) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("seq", seq);
    envelope.put("at", at);
    envelope.put("type", event.type());
    envelope.put("actor", event.actor().id());
    event.runId().ifPresent(run -> envelope.put("runId", run));
    event
        .workflow()
        .ifPresent(
            version ->
                envelope.put(
                    "workflow", Map.of("name", version.name(), "digest", version.digest())));
    envelope.put("details", Redaction.details(event.details()));
    return envelope;
  }

  /** Lower-case hex SHA-256 of {@code prevHash + body}, both as UTF-8. */
  public static String hash(String prevHash, String body) {
    MessageDigest sha256 = sha256();
    sha256.update(prevHash.getBytes(StandardCharsets.UTF_8));
    sha256.update(body.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
