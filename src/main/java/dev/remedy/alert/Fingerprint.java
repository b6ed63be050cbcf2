package dev.remedy.alert;

import java.util.Objects;

/**
 * Alertmanager's identity of an alert: a hash of its label set, 16 hex digits as Alertmanager
 * prints it. Kept as given; other senders may use another form, so only blank is refused.
 */
public record Fingerprint(String value) {

  public static final int MAX_LENGTH = 128;

  public Fingerprint {
    Objects.requireNonNull(value, "fingerprint");
    if (value.isBlank() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("fingerprint must be 1 to " + MAX_LENGTH + " characters");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
