package dev.remedy.matching;

import dev.remedy.alert.LabelSet;
import java.util.Objects;

/**
 * A matcher with {@code =} or {@code !=}: the label's value (empty when absent) equals, or does not
 * equal, the given string.
 */
record EqualityMatcher(String name, MatchType type, String value) implements Matcher {

  EqualityMatcher {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (type != MatchType.EQUAL && type != MatchType.NOT_EQUAL) {
      throw new IllegalArgumentException("not an equality operator: " + type);
    }
  }

  @Override
  public boolean matches(LabelSet labels) {
    return matchesValue(labels.get(name));
  }

  /** Whether a label value (empty when absent) satisfies this matcher. */
  boolean matchesValue(String label) {
    return label.equals(value) == (type == MatchType.EQUAL);
  }

  @Override
  public String toString() {
    return MatcherFormat.format(this);
  }
}
