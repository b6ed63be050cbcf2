package dev.remedy.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where values are made safe to record. Every event's details pass through it on
 * their way into the chain ({@link AuditChain#seal}).
 *
 * <ul>
 *   <li>a field whose name says it holds a secret ({@code password}, {@code secret}, {@code token},
 *       {@code credential}, {@code authorization}, {@code apiKey}, {@code privateKey}) is recorded
 *       as {@value #REDACTED}, whatever it holds;
 *   <li>in every string, credentials that travel inline are masked: {@code Bearer}/{@code Basic}
 *       authorization values, Slack tokens ({@code xox?-...}) and {@code password=}/{@code
 *       token=}/{@code secret=} query or form parameters;
 *   <li>strings longer than {@value #MAX_STRING} characters are cut (a pasted payload or a server
 *       message cannot bloat the chain).
 * </ul>
 *
 * <p>Secret values themselves never reach an event: actions report key names and ids, never values
 * (see {@code SecretRotation}); this is the second line.
 */
public final class Redaction {

  public static final String REDACTED = "[redacted]";
  static final int MAX_STRING = 2000;

  /**
   * The words that make a field name secret, looked for in the name lower-cased and without {@code
   * _} or {@code -}. Plain substring searches: every key of every audit event is checked, and a
   * regular expression here was 1.6 % of the service's time in the engine benchmark.
   */
  private static final List<String> SECRET_WORDS =
      List.of(
          "password",
          "passwd",
          "secret",
          "token",
          "credential",
          "authorization",
          "apikey",
          "privatekey");

  private static final Pattern INLINE_CREDENTIAL =
      Pattern.compile(
          "(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}"
              + "|\\bxox[abposr]-[A-Za-z0-9-]+"
              + "|\\b(password|passwd|secret|token|api[_-]?key)=[^&\\s\"']+");

  private Redaction() {}

  /** Details made safe to record: the same keys, values redacted, masked or cut as above. */
  public static Map<String, Object> details(Map<String, Object> details) {
    Map<String, Object> safe = new LinkedHashMap<>();
    details.forEach((key, value) -> safe.put(key, secretName(key) ? REDACTED : value(value)));
    return safe;
  }

  /** A free text made safe to record. */
  public static String text(String text) {
    if (text == null) {
      return null;
    }
    String masked =
        mayHoldCredential(text)
            ? INLINE_CREDENTIAL.matcher(text).replaceAll(Redaction::mask)
            : text;
    return masked.length() > MAX_STRING
        ? masked.substring(0, MAX_STRING) + "…(cut, " + masked.length() + " chars)"
        : masked;
  }

  /**
   * Whether the pattern can match at all: each of its forms needs a space (an authorization value),
   * an equals sign (a parameter) or {@code xox} (a Slack token). Most recorded strings (ids,
   * fingerprints, names) have none of them, and skip the regular expression.
   */
  private static boolean mayHoldCredential(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '=' || Character.isWhitespace(c)) {
        return true;
      }
      if ((c == 'x' || c == 'X') && text.regionMatches(true, i, "xox", 0, 3)) {
        return true;
      }
    }
    return false;
  }

  private static String mask(MatchResult match) {
    String kept =
        match.group(1) != null
            ? match.group(1) + " "
            : match.group(2) != null ? match.group(2) + "=" : "";
    return Matcher.quoteReplacement(kept + REDACTED);
  }

  private static boolean secretName(String key) {
    String plain = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    for (String word : SECRET_WORDS) {
      if (plain.contains(word)) {
        return true;
      }
    }
    return false;
  }

  private static Object value(Object value) {
    return switch (value) {
      case String s -> text(s);
      case Map<?, ?> map -> {
        Map<String, Object> nested = new LinkedHashMap<>();
        map.forEach((k, v) -> nested.put((String) k, v));
        yield details(nested);
      }
      case Collection<?> list -> {
        List<Object> items = new ArrayList<>(list.size());
        list.forEach(item -> items.add(value(item)));
        yield items;
      }
      case null -> null;
      default -> value;
    };
  }
}
