package dev.remedy.api;

import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses query parameters shared by the list endpoints; a bad value is a 400 naming it. */
final class QueryParams {

  private static final Pattern AGO = Pattern.compile("(\\d{1,9})(s|m|h|d)");

  private QueryParams() {}

  /**
   * An RFC 3339 timestamp, or a duration back from now such as {@code 15m}, {@code 2h}, {@code 7d}.
   */
  static Optional<Instant> since(String name, String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Matcher ago = AGO.matcher(value.trim());
    if (ago.matches()) {
      long amount = Long.parseLong(ago.group(1));
      Duration duration =
          switch (ago.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
      return Optional.of(clock.instant().minus(duration));
    }
    try {
      return Optional.of(OffsetDateTime.parse(value.trim()).toInstant());
    } catch (DateTimeException e) {
      throw invalid(
          name,
          "\"" + value + "\" is neither an RFC 3339 timestamp nor a duration like 15m, 2h, 7d");
    }
  }

  static int limit(String name, String value, int defaultLimit, int maxLimit) {
    if (value == null || value.isBlank()) {
      return defaultLimit;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1 && limit <= maxLimit) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(name, "must be a whole number from 1 to " + maxLimit);
  }

  static ProblemException invalid(String name, String message) {
    return new ProblemException(
        Problem.of(
                "invalid-parameter",
                "Invalid query parameter",
                Response.Status.BAD_REQUEST,
                name + ": " + message)
            .with("field", name));
  }
}
