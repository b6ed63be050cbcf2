package dev.remedy.matching;

import dev.remedy.alert.LabelSet;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A matcher with {@code =~} or {@code !~}. The expression is compiled once with {@code
 * java.util.regex} and always matched against the whole value, like Alertmanager's {@code
 * ^(?:re)$}: {@code severity=~"crit"} does not match {@code critical}. Only {@code \n} ends a line
 * (as in Go), so {@code .} matches {@code \r}. Literal alternations and {@code .*}-wrapped
 * literals, the common cases, skip the regex engine (see {@link SimpleRegex}).
 */
final class RegexMatcher implements Matcher {

  /**
   * Go's {@code [[:digit:]]}: in Java a set of the characters {@code :digt}, so refused rather than
   * silently matching something else.
   */
  private static final Pattern POSIX_CLASS =
      Pattern.compile(
          "\\[:(alnum|alpha|ascii|blank|cntrl|digit|graph|lower|print|punct|space|upper|xdigit):]");

  private final String name;
  private final MatchType type;
  private final String value;
  private final Pattern pattern;

  /** The same expression without the regex engine, when it is that simple; otherwise null. */
  private final SimpleRegex simple;

  private RegexMatcher(String name, MatchType type, String value, Pattern pattern) {
    this.name = name;
    this.type = type;
    this.value = value;
    this.pattern = pattern;
    this.simple = SimpleRegex.parse(value);
  }

  /**
   * Compiles the expression.
   *
   * @throws IllegalArgumentException with the message {@code invalid regex "…": …}
   */
  static RegexMatcher compile(String name, MatchType type, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (type != MatchType.REGEX && type != MatchType.NOT_REGEX) {
      throw new IllegalArgumentException("not a regex operator: " + type);
    }
    java.util.regex.Matcher posix = POSIX_CLASS.matcher(value);
    if (posix.find()) {
      String javaName =
          switch (posix.group(1)) {
            case "xdigit" -> "XDigit";
            case "ascii" -> "ASCII";
            default ->
                Character.toUpperCase(posix.group(1).charAt(0)) + posix.group(1).substring(1);
          };
      throw new IllegalArgumentException(
          "invalid regex "
              + MatcherFormat.quote(value)
              + ": POSIX class "
              + posix.group()
              + " is not supported (write \\p{"
              + javaName
              + "})");
    }
    try {
      return new RegexMatcher(name, type, value, Pattern.compile(value, Pattern.UNIX_LINES));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid regex " + MatcherFormat.quote(value) + ": " + describe(e), e);
    }
  }

  /** Java's description of a syntax error, in the words an SRE knows from Alertmanager (Go). */
  private static String describe(PatternSyntaxException e) {
    String description = e.getDescription();
    if (description.startsWith("Dangling meta character")) {
      return "missing argument to repetition operator " + e.getPattern().charAt(e.getIndex());
    }
    return switch (description) {
      case "Unclosed group" -> "missing closing )";
      case "Unclosed character class" -> "missing closing ]";
      case "Unmatched closing ')'" -> "unexpected )";
      // a\\ : JDK 21 says "Unexpected internal error", JDK 25 "Unescaped trailing backslash"
      case "Unexpected internal error", "Unescaped trailing backslash" -> "trailing backslash";
      default -> Character.toLowerCase(description.charAt(0)) + description.substring(1);
    };
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public MatchType type() {
    return type;
  }

  @Override
  public String value() {
    return value;
  }

  @Override
  public boolean matches(LabelSet labels) {
    return matchesValue(labels.get(name));
  }

  /** Whether a label value (empty when absent) satisfies this matcher. */
  boolean matchesValue(String label) {
    boolean found = simple != null ? simple.matches(label) : pattern.matcher(label).matches();
    return found == (type == MatchType.REGEX);
  }

  /** The regex as a {@link SimpleRegex}, or null when it needs the regex engine. */
  SimpleRegex simple() {
    return simple;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RegexMatcher that
        && name.equals(that.name)
        && type == that.type
        && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, value);
  }

  @Override
  public String toString() {
    return MatcherFormat.format(this);
  }
}
