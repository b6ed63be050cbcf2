package dev.remedy.adapter.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing: {@code X-Slack-Signature} is {@code v0=} and the hex HMAC-SHA256, under
 * the app's signing secret, of {@code v0:<X-Slack-Request-Timestamp>:<raw body>}.
 *
 * <p>Stricter than the Java SDK's verifier on purpose: the timestamp must lie within five minutes
 * on either side of our clock (the SDK lets future timestamps through), the comparison takes
 * constant time, and text becomes bytes as UTF-8, never in the platform charset. Several secrets
 * may be valid at once, for a rotation. The signature is checked before the timestamp, so that
 * {@link Verdict#STALE} always means "signed by Slack, but too old or too new".
 */
final class SlackSignatures {

  /** How far a request's timestamp may be from our clock, either way. */
  static final Duration WINDOW = Duration.ofMinutes(5);

  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
  private static final String VERSION = "v0";
  private static final String ALGORITHM = "HmacSHA256";

  /** What a request's signature headers prove. */
  enum Verdict {
    VALID,
    /** A header is absent or empty. */
    MISSING,
    /** Malformed, or signed with none of our secrets. */
    FORGED,
    /** Signed with one of our secrets, but the timestamp is outside {@link #WINDOW}. */
    STALE
  }

  private final List<SecretKeySpec> keys;
  private final Clock clock;

  SlackSignatures(List<String> secrets, Clock clock) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one signing secret is required");
    }
    this.keys =
        secrets.stream()
            .map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM))
            .toList();
    this.clock = clock;
  }

  Verdict verify(String timestamp, String signature, byte[] body) {
    if (timestamp == null || timestamp.isEmpty() || signature == null || signature.isEmpty()) {
      return Verdict.MISSING;
    }
    if (!TIMESTAMP.matcher(timestamp).matches()) {
      return Verdict.FORGED;
    }
    byte[] presented = signature.getBytes(StandardCharsets.UTF_8);
    boolean signed = false;
    for (SecretKeySpec key : keys) {
      // Every secret is tried, so the time taken does not tell which one matched.
      signed |= MessageDigest.isEqual(sign(key, timestamp, body), presented);
    }
    if (!signed) {
      return Verdict.FORGED;
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
    return skew > WINDOW.toSeconds() ? Verdict.STALE : Verdict.VALID;
  }

  /** The {@code X-Slack-Signature} Slack sends for this timestamp and body, as UTF-8 bytes. */
  private static byte[] sign(SecretKeySpec key, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      byte[] digest = mac.doFinal(body);
      return (VERSION + "=" + HexFormat.of().formatHex(digest)).getBytes(StandardCharsets.UTF_8);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
