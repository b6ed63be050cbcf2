package dev.remedy.matching;

import com.google.re2j.Pattern;
import dev.remedy.alert.LabelSet;
import java.util.Objects;

/**
 * A matcher with {@code =~} or {@code !~}. The expression is compiled once with RE2/J (Go's syntax,
 * as Alertmanager; see {@link Regexes}) and always matched against the whole value, like
 * Alertmanager's {@code ^(?:re)$}: {@code severity=~"crit"} does not match {@code critical}.
 * Matching takes time linear in the value, whatever the regex. Literal alternations and {@code
 * .*}-wrapped literals, the common cases, skip the regex engine (see {@link SimpleRegex}).
 */
final class RegexMatcher implements Matcher {

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
   * @throws InvalidRegexException with the message {@code invalid regex "…": …}
   */
  static RegexMatcher compile(String name, MatchType type, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (type != MatchType.REGEX && type != MatchType.NOT_REGEX) {
      throw new IllegalArgumentException("not a regex operator: " + type);
    }
    return new RegexMatcher(name, type, value, Regexes.compile(value));
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
    boolean found = simple != null ? simple.matches(label) : pattern.matches(label);
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
