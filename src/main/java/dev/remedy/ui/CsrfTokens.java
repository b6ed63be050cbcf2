package dev.remedy.ui;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CSRF token of the UI's forms: HMAC-SHA256 of the signed-in user under the key that also
 * encrypts the login cookie, so every replica that shares that key accepts the same token.
 *
 * <p>Written here rather than taken from {@code quarkus-rest-csrf} because that filter checks every
 * form post of the application before routing, and Slack's signed interaction callbacks (a form
 * post with no cookie, verified over the raw body) must not go through it. The login cookie is also
 * {@code SameSite=Strict}; the token is the second, independent defence.
 */
@ApplicationScoped
public class CsrfTokens {

  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  public CsrfTokens(
      @ConfigProperty(name = "quarkus.http.auth.session.encryption-key")
          Optional<String> sessionKey) {
    byte[] material =
        sessionKey
            .map(k -> ("remedy-ui-csrf\0" + k).getBytes(StandardCharsets.UTF_8))
            .orElseGet(CsrfTokens::randomKey);
    this.key = new SecretKeySpec(material, ALGORITHM);
  }

  /** The token the forms of this user carry. */
  public String tokenFor(String user) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(user.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Whether a submitted token belongs to this user; compares in constant time. */
  public boolean valid(String user, String submitted) {
    if (submitted == null || submitted.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        tokenFor(user).getBytes(StandardCharsets.US_ASCII),
        submitted.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] randomKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
