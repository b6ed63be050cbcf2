package dev.remedy.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of one alert state: SHA-256 over fingerprint, status and {@code startsAt} (and
 * {@code endsAt} once resolved), hex encoded.
 *
 * <p>Alertmanager re-sends a firing alert every {@code repeat_interval} and HA peers deliver the
 * same notification more than once on purpose; all of those carry the same key. Annotations are
 * left out on purpose: templated values in them (a current reading, say) change between re-sends of
 * the same incident.
 */
public record AlertStateKey(String value) {

  static AlertStateKey of(Alert alert) {
    StringBuilder canonical =
        new StringBuilder()
            .append(alert.fingerprint().value())
            .append('\n')
            .append(alert.status().wireName())
            .append('\n')
            .append(alert.startsAt());
    if (alert.status() == AlertStatus.RESOLVED) {
      canonical.append('\n').append(alert.endsAt().map(Object::toString).orElse(""));
    }
    return new AlertStateKey(sha256Hex(canonical.toString()));
  }

  public static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
