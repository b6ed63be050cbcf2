package dev.remedy.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * A regex simple enough to match without the regex engine, with exactly the same result: an
 * alternation (possibly in one group, {@code (a|b)} or {@code (?:a|b)}) of literals, each possibly
 * with {@code .*} before and/or after it: {@code critical|warning}, {@code Kube.*}, {@code
 * dev-.*|test}, {@code .*Down}, {@code .*disk.*}. Literals may escape punctuation ({@code
 * 10\.0\..*}). As in Go (RE2), {@code .} matches any character but a line feed. The answer is
 * always RE2/J's (checked against it by a property test); this only saves running the regex engine
 * in the common cases.
 *
 * @param alternatives the alternatives, in the order written
 */
record SimpleRegex(List<Alternative> alternatives) {

  /** One alternative: a literal, with or without {@code .*} before and after it. */
  record Alternative(String literal, boolean anyBefore, boolean anyAfter) {

    boolean exact() {
      return !anyBefore && !anyAfter;
    }

    boolean matches(String value) {
      if (exact()) {
        return literal.equals(value);
      }
      int at =
          anyBefore && anyAfter
              ? value.indexOf(literal)
              : anyBefore ? value.length() - literal.length() : 0;
      if (at < 0 || !value.startsWith(literal, at)) {
        return false;
      }
      return value.lastIndexOf('\n', at - 1) < 0 && value.indexOf('\n', at + literal.length()) < 0;
    }
  }

  private static final String META = ".[]{}()*+?^$|\\";

  /** The simple form of {@code regex}, or {@code null} when it needs the regex engine. */
  static SimpleRegex parse(String regex) {
    String body = regex;
    if (body.startsWith("(?:") && body.endsWith(")")) {
      body = body.substring(3, body.length() - 1);
    } else if (body.startsWith("(") && !body.startsWith("(?") && body.endsWith(")")) {
      body = body.substring(1, body.length() - 1);
    }
    List<Alternative> alternatives = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= body.length(); i++) {
      if (i == body.length() || body.charAt(i) == '|') {
        Alternative alternative = alternative(body.substring(start, i));
        if (alternative == null) {
          return null;
        }
        alternatives.add(alternative);
        start = i + 1;
      } else if (body.charAt(i) == '\\') {
        i++; // an escaped character, perhaps a |, belongs to the alternative
      }
    }
    return new SimpleRegex(List.copyOf(alternatives));
  }

  private static Alternative alternative(String text) {
    boolean anyBefore = text.startsWith(".*");
    String rest = anyBefore ? text.substring(2) : text;
    boolean anyAfter = rest.endsWith(".*") && !rest.endsWith("\\.*");
    if (anyAfter) {
      rest = rest.substring(0, rest.length() - 2);
    }
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '\\') {
        char next = i + 1 < rest.length() ? rest.charAt(i + 1) : 'a';
        if (Character.isLetterOrDigit(next) || Character.isWhitespace(next) || next > 127) {
          return null; // a class such as \d or \pL, \Q, an octal or hex escape: not a literal
        }
        literal.append(next);
        i++;
      } else if (META.indexOf(c) >= 0) {
        return null;
      } else {
        literal.append(c);
      }
    }
    if ((anyBefore || anyAfter) && literal.indexOf("\n") >= 0) {
      return null; // .* does not cross a line feed: leave that to the regex engine
    }
    return new Alternative(literal.toString(), anyBefore, anyAfter);
  }

  /** Whether the whole value matches, exactly as RE2/J's {@code Pattern.matches(value)}. */
  boolean matches(String value) {
    for (Alternative alternative : alternatives) {
      if (alternative.matches(value)) {
        return true;
      }
    }
    return false;
  }
}
