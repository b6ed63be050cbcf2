package dev.remedy.adapter.kubernetes;

import dev.remedy.workflow.Step.RotateSecret.Alphabet;
import java.security.SecureRandom;

/**
 * New secret values from the platform CSPRNG, drawn uniformly from the chosen alphabet ({@link
 * SecureRandom#nextInt(int)} has no modulo bias). One instance per adapter, created at run time (a
 * {@code SecureRandom} must not be seeded into a native image at build time).
 */
final class SecretValues {

  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String HEX = "0123456789abcdef";
  private static final String BASE64URL = ALPHANUMERIC + "-_";

  private final SecureRandom random = new SecureRandom();

  String generate(int length, Alphabet alphabet) {
    String chars =
        switch (alphabet) {
          case ALPHANUMERIC -> ALPHANUMERIC;
          case HEX -> HEX;
          case BASE64URL -> BASE64URL;
        };
    StringBuilder value = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      value.append(chars.charAt(random.nextInt(chars.length())));
    }
    return value.toString();
  }
}
