package dev.remedy.alert;

import java.util.Locale;
import java.util.Optional;

/** Alertmanager's two alert states, with the lower-case names used on the wire and in the API. */
public enum AlertStatus {
  FIRING,
  RESOLVED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code firing} or {@code resolved}; anything else is empty. */
  public static Optional<AlertStatus> fromWireName(String value) {
    for (AlertStatus status : values()) {
      if (status.wireName().equals(value)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
