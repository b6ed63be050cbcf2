package dev.remedy.workflow.spec;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in Prometheus syntax: whole numbers with units, largest first, each unit at most once:
 * {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code 1w}, {@code 1y} (a year
 * is 365 days, a day 24 hours). {@code 0} alone is zero.
 */
final class Durations {

  /** The longest duration accepted anywhere: ten years. */
  static final Duration MAX = Duration.ofDays(3650);

  private static final Pattern SYNTAX =
      Pattern.compile(
          "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final long[] UNIT_MILLIS = {
    365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1
  };
  private static final int MAX_DIGITS = 12;

  private Durations() {}

  /** The duration written as {@code text}, or empty when it is not a valid duration. */
  static Optional<Duration> parse(String text) {
    if (text.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    Matcher m = SYNTAX.matcher(text);
    if (text.isEmpty() || !m.matches()) {
      return Optional.empty();
    }
    long millis = 0;
    for (int unit = 0; unit < UNIT_MILLIS.length; unit++) {
      String number = m.group(unit + 1);
      if (number != null) {
        if (number.length() > MAX_DIGITS) {
          return Optional.empty();
        }
        millis = saturatedAdd(millis, Long.parseLong(number), UNIT_MILLIS[unit]);
      }
    }
    return Optional.of(Duration.ofMillis(millis));
  }

  /**
   * {@code sum + count * unit}, or {@code Long.MAX_VALUE} (longer than {@link #MAX}) on overflow.
   */
  private static long saturatedAdd(long sum, long count, long unit) {
    try {
      return Math.addExact(sum, Math.multiplyExact(count, unit));
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
