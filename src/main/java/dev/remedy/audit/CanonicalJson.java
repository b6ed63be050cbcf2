package dev.remedy.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON form the audit chain hashes: RFC 8785 (JSON Canonicalization Scheme) over the
 * small value model audit events use, so any JCS implementation, or Python's {@code json.dumps(v,
 * sort_keys=True, separators=(",", ":"), ensure_ascii=False)}, reproduces it byte for byte.
 *
 * <ul>
 *   <li>objects: members sorted by key (UTF-16 code units, i.e. {@link String#compareTo}), no
 *       whitespace anywhere;
 *   <li>strings: UTF-8; {@code "} and {@code \} escaped, {@code \b \f \n \r \t} as such, other
 *       control characters as {@code \}{@code u00xx} (lower-case hex), everything else literal;
 *   <li>numbers: integers only (events carry no fractions), written in plain decimal;
 *   <li>times: strings in UTC with exactly three fraction digits, {@code 2026-12-03T11:56:20.123Z};
 *   <li>{@code true}, {@code false}, {@code null}.
 * </ul>
 *
 * <p>Written by hand rather than with a JSON library: the form is the product's audit format (it
 * must stay byte-identical across library upgrades), the domain takes no JSON library, and over
 * this value model it is the few lines below.
 */
public final class CanonicalJson {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private CanonicalJson() {}

  /** The canonical text of a value of the model above. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder(256);
    write(value, out);
    return out.toString();
  }

  /** A time as events record it (UTC, milliseconds). */
  public static String time(Instant at) {
    return TIME.format(at.truncatedTo(ChronoUnit.MILLIS));
  }

  private static void write(Object value, StringBuilder out) {
    switch (value) {
      case null -> out.append("null");
      case String s -> string(s, out);
      case Boolean b -> out.append(b.booleanValue());
      case Integer i -> out.append(i.intValue());
      case Long l -> out.append(l.longValue());
      case Short s -> out.append(s.shortValue());
      case Instant at -> string(time(at), out);
      case Map<?, ?> map -> object(map, out);
      case Collection<?> list -> array(list, out);
      default ->
          throw new IllegalArgumentException(
              "not a value audit events record: " + value.getClass().getName());
    }
  }

  private static void object(Map<?, ?> map, StringBuilder out) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((key, value) -> sorted.put((String) key, value));
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> member : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(member.getKey(), out);
      out.append(':');
      write(member.getValue(), out);
    }
    out.append('}');
  }

  private static void array(Collection<?> list, StringBuilder out) {
    out.append('[');
    boolean first = true;
    for (Object item : list) {
      if (!first) {
        out.append(',');
      }
      first = false;
      write(item, out);
    }
    out.append(']');
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 0xf, 16));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
