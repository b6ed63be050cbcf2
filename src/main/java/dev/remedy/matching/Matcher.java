package dev.remedy.matching;

import dev.remedy.alert.LabelSet;

/**
 * One parsed Alertmanager matcher: {@code name op value}. Immutable; a regex is compiled once.
 *
 * <p>{@code toString()} prints the canonical Alertmanager form, for example {@code
 * severity=~"critical|warning"} or {@code "Service Name"="api"}; {@link Matchers#parseOne} reads it
 * back to an equal matcher.
 */
public sealed interface Matcher permits EqualityMatcher, RegexMatcher {
  /** The label name, unquoted: a classic name or any non-empty UTF-8 text. */
  String name();

  /** The operator: {@code =}, {@code !=}, {@code =~} or {@code !~}. */
  MatchType type();

  /** The value as written, unquoted and unescaped (for a regex: the expression, not anchored). */
  String value();

  /** Whether the labels satisfy this matcher; an absent label reads as the empty string. */
  boolean matches(LabelSet labels);

  /**
   * Builds a matcher from its parts, as a program would (the loader uses {@link Matchers#parse}).
   *
   * @throws IllegalArgumentException if the name is empty or the regex does not compile; the
   *     message is the same as the parser's
   */
  static Matcher of(String name, MatchType type, String value) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("label name must not be empty");
    }
    return switch (type) {
      case EQUAL, NOT_EQUAL -> new EqualityMatcher(name, type, value);
      case REGEX, NOT_REGEX -> RegexMatcher.compile(name, type, value);
    };
  }
}
