package dev.remedy.matching;

import java.util.regex.Pattern;

/** The canonical text of a matcher, as Alertmanager prints it: {@code name="value"}. */
final class MatcherFormat {

  /**
   * Names that need no quotes: Prometheus' classic label names (plus {@code :}, as Alertmanager).
   */
  static final Pattern UNQUOTED_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private MatcherFormat() {}

  static String format(Matcher matcher) {
    String name = matcher.name();
    String printedName = UNQUOTED_NAME.matcher(name).matches() ? name : quote(name);
    return printedName + matcher.type().operator() + quote(matcher.value());
  }

  /** Double-quotes the text, escaping {@code \}, {@code "} and line feeds. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> quoted.append("\\\\");
        case '"' -> quoted.append("\\\"");
        case '\n' -> quoted.append("\\n");
        default -> quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }
}
