package dev.remedy.matching;

import dev.remedy.alert.LabelSet;
import dev.remedy.matching.IndexKeys.Key;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The buckets of a {@link MatcherIndex}: entry ordinals filed by label value or value prefix, and
 * those always tested. Finds the ordinals an alert must test, ascending. Immutable.
 */
final class CandidateFinder {

  /** The buckets of the prefixes of one label: the prefix lengths in use, shortest first. */
  private record Prefixes(int[] lengths, Map<String, int[]> byPrefix) {}

  private final Map<String, Map<String, int[]>> byValue;
  private final Map<String, Prefixes> byPrefix;
  private final int[] alwaysTested;

  CandidateFinder(List<Matchers> entries) {
    Map<Key, List<Integer>> buckets = new HashMap<>();
    List<Integer> always = new ArrayList<>();
    List<List<Key>> chosen = IndexKeys.choose(entries);
    for (int ordinal = 0; ordinal < chosen.size(); ordinal++) {
      if (chosen.get(ordinal).isEmpty()) {
        always.add(ordinal);
      }
      for (Key key : chosen.get(ordinal)) {
        buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(ordinal);
      }
    }
    Map<String, Map<String, int[]>> values = new HashMap<>();
    Map<String, Map<String, int[]>> prefixes = new HashMap<>();
    buckets.forEach(
        (key, ordinals) ->
            (key.prefix() ? prefixes : values)
                .computeIfAbsent(key.name(), name -> new HashMap<>())
                .put(key.value(), toArray(ordinals)));
    Map<String, Prefixes> prefixTables = new HashMap<>();
    prefixes.forEach(
        (name, table) -> {
          TreeSet<Integer> lengths = new TreeSet<>();
          table.keySet().forEach(prefix -> lengths.add(prefix.length()));
          prefixTables.put(name, new Prefixes(toArray(lengths), Map.copyOf(table)));
        });
    this.byValue = Map.copyOf(values);
    this.byPrefix = Map.copyOf(prefixTables);
    this.alwaysTested = toArray(always);
  }

  int alwaysTestedCount() {
    return alwaysTested.length;
  }

  /** The ordinals of the entries these labels may match, ascending, each once. */
  int[] candidates(LabelSet labels) {
    List<int[]> hits = new ArrayList<>(4);
    byValue.forEach((name, buckets) -> add(hits, buckets.get(labels.get(name))));
    byPrefix.forEach(
        (name, prefixes) -> {
          String value = labels.get(name);
          for (int length : prefixes.lengths()) {
            if (length > value.length()) {
              break;
            }
            add(hits, prefixes.byPrefix().get(value.substring(0, length)));
          }
        });
    if (hits.isEmpty()) {
      return alwaysTested;
    }
    int total = alwaysTested.length;
    for (int[] hit : hits) {
      total += hit.length;
    }
    int[] candidates = Arrays.copyOf(alwaysTested, total);
    int filled = alwaysTested.length;
    for (int[] hit : hits) {
      System.arraycopy(hit, 0, candidates, filled, hit.length);
      filled += hit.length;
    }
    if (hits.size() == 1 && alwaysTested.length == 0) {
      return candidates;
    }
    // An entry filed under several prefixes (Kube.*|KubePod.*) can be hit twice.
    Arrays.sort(candidates);
    int distinct = 0;
    for (int i = 0; i < candidates.length; i++) {
      if (i == 0 || candidates[i] != candidates[i - 1]) {
        candidates[distinct++] = candidates[i];
      }
    }
    return distinct == candidates.length ? candidates : Arrays.copyOf(candidates, distinct);
  }

  private static void add(List<int[]> hits, int[] bucket) {
    if (bucket != null) {
      hits.add(bucket);
    }
  }

  private static int[] toArray(Collection<Integer> ordinals) {
    return ordinals.stream().mapToInt(Integer::intValue).toArray();
  }
}
