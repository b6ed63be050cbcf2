package dev.remedy.ui;

import dev.remedy.approval.Channel;
import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How the templates write times and durations: {@code {fmt:ago(run.createdAt)}}. */
@TemplateExtension(namespace = "fmt")
final class UiFormats {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private UiFormats() {}

  /** {@code 2026-12-03 15:04:05Z}, or a dash. */
  static String utc(Instant at) {
    return at == null ? "—" : UTC.format(at.truncatedTo(ChronoUnit.SECONDS));
  }

  /** {@code 42s ago}, {@code 5m ago}, {@code 3h ago}, {@code 2d ago}; {@code in 4m} ahead. */
  static String ago(Instant at) {
    if (at == null) {
      return "—";
    }
    Duration d = Duration.between(at, Instant.now());
    return d.isNegative() ? "in " + span(d.negated()) : span(d) + " ago";
  }

  /** A duration in milliseconds as {@code 340 ms}, {@code 2.1 s}, {@code 3m 4s}. */
  static String millis(Long ms) {
    if (ms == null) {
      return "—";
    }
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return (ms / 60_000) + "m " + (ms % 60_000) / 1000 + "s";
  }

  /** The first 8 characters of an id or digest, for tables. */
  static String shortId(String id) {
    if (id == null) {
      return "—";
    }
    String bare = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
    return bare.length() <= 8 ? bare : bare.substring(0, 8);
  }

  /** The first {@code max} characters, with an ellipsis when there was more. */
  static String abbrev(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }

  /**
   * A decision's channel as the API names it ({@code slack}, {@code api}, {@code ui}) in words:
   * {@code Slack}, {@code the API}, {@code the web UI}; an unknown name as it is.
   */
  static String channel(String wireName) {
    for (Channel channel : Channel.values()) {
      if (channel.name().equalsIgnoreCase(wireName)) {
        return channel.spoken();
      }
    }
    return wireName == null ? "—" : wireName;
  }

  /** Epoch milliseconds, for the countdown script. */
  static long epochMillis(Instant at) {
    return at == null ? 0 : at.toEpochMilli();
  }

  private static String span(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m";
    }
    if (s < 86_400) {
      return s / 3600 + "h";
    }
    return s / 86_400 + "d";
  }
}
