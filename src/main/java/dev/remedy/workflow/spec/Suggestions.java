package dev.remedy.workflow.spec;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt keys: the closest allowed word, if it is close enough. */
final class Suggestions {

  /** Longer words get no suggestion (and cost no quadratic comparison). */
  private static final int MAX_WORD = 64;

  private Suggestions() {}

  /** The message for an unknown key: a suggestion when one is close, else the allowed keys. */
  static String unknownKey(String key, Collection<String> allowed) {
    return "unknown key \""
        + key
        + "\""
        + closest(key, allowed)
            .map(s -> " (did you mean \"" + s + "\"?)")
            .orElse(" (expected one of " + String.join(", ", allowed) + ")");
  }

  /**
   * The allowed word nearest to {@code word} (case-insensitive edit distance), when at most one
   * edit for short words and two for words of five letters or more.
   */
  static Optional<String> closest(String word, Collection<String> allowed) {
    if (word.length() > MAX_WORD) {
      return Optional.empty();
    }
    String lower = word.toLowerCase(Locale.ROOT);
    int limit = word.length() >= 5 ? 2 : 1;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : allowed) {
      int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance, with a transposition of two neighbours counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
