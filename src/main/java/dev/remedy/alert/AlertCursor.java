package dev.remedy.alert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Position in the newest-first order of stored alert states: (received at, id) of the last item
 * seen. Keyset pagination, so pages stay stable while new alerts arrive. Opaque to clients.
 */
public record AlertCursor(Instant receivedAt, long id) {

  public String encode() {
    String plain = receivedAt.getEpochSecond() + "." + receivedAt.getNano() + "." + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  /** Reads a cursor made by {@link #encode()}; anything else is empty. */
  public static Optional<AlertCursor> decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
      String[] parts = plain.split("\\.", -1);
      if (parts.length != 3) {
        return Optional.empty();
      }
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      return Optional.of(new AlertCursor(at, Long.parseLong(parts[2])));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
