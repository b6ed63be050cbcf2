package dev.remedy.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which keys each entry of a {@link MatcherIndex} is filed under. A matcher can key an entry when
 * it accepts only known non-empty values or values with known prefixes: {@code name="v"}, {@code
 * name=~"a|b"}, {@code name=~"Kube.*"}, {@code name=~"Kube.*|NodeDown"}. Of an entry's keying
 * matchers the chosen one is shared by the fewest entries (so an alert tests the fewest), an exact
 * one before a prefix, then {@code alertname}, then the first written.
 */
final class IndexKeys {

  /** A label value ({@code prefix} false) or a prefix of it under which entries are filed. */
  record Key(String name, String value, boolean prefix) {}

  private static final String ALERTNAME = "alertname";

  private IndexKeys() {}

  /** The keys a matcher can file an entry under; empty when it cannot key the index. */
  static List<Key> of(Matcher matcher) {
    return switch (matcher) {
      case EqualityMatcher m when m.type() == MatchType.EQUAL && !m.value().isEmpty() ->
          List.of(new Key(m.name(), m.value(), false));
      case RegexMatcher m when m.type() == MatchType.REGEX && m.simple() != null -> {
        List<Key> keys = new ArrayList<>();
        for (SimpleRegex.Alternative alternative : m.simple().alternatives()) {
          if (alternative.literal().isEmpty() || alternative.anyBefore()) {
            yield List.of(); // accepts the empty value, or values with any start
          }
          keys.add(new Key(m.name(), alternative.literal(), alternative.anyAfter()));
        }
        yield keys.stream().distinct().toList();
      }
      default -> List.of();
    };
  }

  /** For each entry, the keys it is filed under; empty for an entry always tested. */
  static List<List<Key>> choose(List<Matchers> entries) {
    Map<Key, Integer> popularity = new HashMap<>();
    for (Matchers matchers : entries) {
      for (Matcher matcher : matchers.all()) {
        for (Key key : of(matcher)) {
          popularity.merge(key, 1, Integer::sum);
        }
      }
    }
    List<List<Key>> chosen = new ArrayList<>(entries.size());
    for (Matchers matchers : entries) {
      List<Key> best = List.of();
      long bestCost = Long.MAX_VALUE;
      for (Matcher matcher : matchers.all()) {
        List<Key> keys = of(matcher);
        long cost = 0;
        for (Key key : keys) {
          cost += popularity.get(key);
        }
        if (!keys.isEmpty() && (cost < bestCost || (cost == bestCost && better(keys, best)))) {
          best = keys;
          bestCost = cost;
        }
      }
      chosen.add(best);
    }
    return chosen;
  }

  /** On equal cost: an exact key before a prefix, then alertname before other labels. */
  private static boolean better(List<Key> keys, List<Key> than) {
    Key key = keys.get(0);
    Key other = than.get(0);
    if (key.prefix() != other.prefix()) {
      return !key.prefix();
    }
    return key.name().equals(ALERTNAME) && !other.name().equals(ALERTNAME);
  }
}
