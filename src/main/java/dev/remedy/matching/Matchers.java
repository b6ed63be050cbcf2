package dev.remedy.matching;

import dev.remedy.alert.LabelSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The matchers of one workflow: an alert is selected when all of them hold. Immutable.
 *
 * <p>The syntax is that of {@code matchers:} in an Alertmanager route: each string is {@code name
 * op value}, or several such separated by commas, optionally in braces ({@code {alertname="X",
 * severity=~"crit.*"}}, trailing comma allowed). The accepted language is a subset of
 * Alertmanager's UTF-8 matcher syntax with the same meaning; it is stricter in three places so that
 * mistakes show at load: unquoted label names must be classic names ({@code
 * [a-zA-Z_:][a-zA-Z0-9_:]*}, quote others), an empty string or {@code {}} is an error, and inside
 * quotes only {@code \"}, {@code \\}, {@code \n}, {@code \t} and {@code \r} are escapes.
 */
public final class Matchers {

  private final List<Matcher> all;

  /** The same matchers, cheapest first, regexes that need the regex engine last. */
  private final Matcher[] evaluationOrder;

  private Matchers(List<Matcher> all) {
    this.all = List.copyOf(all);
    this.evaluationOrder =
        this.all.stream().sorted(Comparator.comparingInt(Matchers::cost)).toArray(Matcher[]::new);
  }

  private static int cost(Matcher matcher) {
    return switch (matcher) {
      case EqualityMatcher equality -> 0;
      case RegexMatcher regex -> regex.simple() != null ? 1 : 2;
    };
  }

  /**
   * Parses a list of matcher strings. An empty list gives no matchers, which match every alert
   * (whether a workflow may have none is the loader's decision).
   *
   * @throws MatcherSyntaxException for the first string that is not valid, with its index in the
   *     list and the column of the error
   */
  public static Matchers parse(List<String> matchers) throws MatcherSyntaxException {
    List<Matcher> parsed = new ArrayList<>();
    for (int i = 0; i < matchers.size(); i++) {
      parsed.addAll(MatcherParser.parse(Objects.requireNonNull(matchers.get(i)), i));
    }
    return new Matchers(parsed);
  }

  /**
   * Parses a string that holds exactly one matcher, such as {@code severity=~"critical|warning"}.
   *
   * @throws MatcherSyntaxException if it is not valid or holds more than one matcher
   */
  public static Matcher parseOne(String matcher) throws MatcherSyntaxException {
    List<Matcher> parsed = MatcherParser.parse(matcher, 0);
    if (parsed.size() != 1) {
      throw new MatcherSyntaxException(
          "expected one matcher, found " + parsed.size() + ": " + of(parsed), 0, 1);
    }
    return parsed.get(0);
  }

  /** Matchers built by a program rather than parsed. */
  public static Matchers of(List<Matcher> matchers) {
    matchers.forEach(matcher -> Objects.requireNonNull(matcher, "matcher"));
    return new Matchers(matchers);
  }

  /** Every matcher, in the order written. */
  public List<Matcher> all() {
    return all;
  }

  /** Whether every matcher holds for these labels (true when there are no matchers). */
  public boolean matches(LabelSet labels) {
    for (Matcher matcher : evaluationOrder) {
      if (!matcher.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** As {@link #matches(LabelSet)}, on labels already in a hash map (the index's fast path). */
  boolean matches(Map<String, String> labels) {
    for (Matcher matcher : evaluationOrder) {
      String label = labels.getOrDefault(matcher.name(), "");
      boolean holds =
          switch (matcher) {
            case EqualityMatcher equality -> equality.matchesValue(label);
            case RegexMatcher regex -> regex.matchesValue(label);
          };
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  /** The matchers that do not hold for these labels, in the order written: why it did not match. */
  public List<Matcher> failing(LabelSet labels) {
    return all.stream().filter(matcher -> !matcher.matches(labels)).toList();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Matchers that && all.equals(that.all);
  }

  @Override
  public int hashCode() {
    return all.hashCode();
  }

  /**
   * The canonical form, {@code {alertname="X", severity=~"crit.*"}}, which {@link #parse} reads
   * back to equal matchers ({@code {}} when there are none, which it rejects).
   */
  @Override
  public String toString() {
    return all.stream().map(Matcher::toString).collect(Collectors.joining(", ", "{", "}"));
  }
}
