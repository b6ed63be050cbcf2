package dev.remedy.adapter.alertmanager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The shared secret Alertmanager presents, either as {@code Authorization: Bearer <token>} ({@code
 * http_config.authorization}) or as the password of {@code Authorization: Basic} ({@code
 * http_config.basic_auth}, any user name).
 *
 * <p>Compared in constant time over SHA-256 digests, so neither the content nor the length of the
 * secret leaks through timing. Never logged, never echoed.
 */
final class WebhookToken {

  private final byte[] expectedDigest;

  WebhookToken(String token) {
    this.expectedDigest = sha256(token);
  }

  /** True when the header carries this token. */
  boolean acceptsHeader(String authorization) {
    return presented(authorization)
        .map(candidate -> MessageDigest.isEqual(expectedDigest, sha256(candidate)))
        .orElse(false);
  }

  private static Optional<String> presented(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    int space = authorization.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
    String credentials = authorization.substring(space + 1).trim();
    return switch (scheme) {
      case "bearer" -> Optional.of(credentials);
      case "basic" -> basicPassword(credentials);
      default -> Optional.empty();
    };
  }

  private static Optional<String> basicPassword(String credentials) {
    try {
      String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
