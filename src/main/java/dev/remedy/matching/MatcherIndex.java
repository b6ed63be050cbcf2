package dev.remedy.matching;

import dev.remedy.alert.LabelSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Finds, among many entries (workflows), those whose {@link Matchers} all hold for an alert without
 * testing every entry. Each entry is filed under one of its matchers that accept only known values:
 * {@code name="v"} with a non-empty value, a literal alternation such as {@code
 * alertname=~"DiskFull|DiskSlow"}, or a literal prefix such as {@code alertname=~"Kube.*"}; of
 * these, the one shared by the fewest entries, {@code alertname} on a tie. An alert then tests only
 * the entries filed under its own label values, plus the entries that have no such matcher (only
 * negations, empty values or complex regexes), which are tested for every alert.
 *
 * <p>Immutable once built, so safe to share between threads; pure (no I/O, no clock).
 *
 * @param <T> what an entry stands for, typically a workflow
 */
public final class MatcherIndex<T> {

  /** From this many candidates on, labels are copied into a hash map for faster lookups. */
  private static final int HASH_LOOKUP_FROM = 8;

  private final List<T> values;
  private final Matchers[] matchers;
  private final CandidateFinder finder;

  private MatcherIndex(List<T> values, List<Matchers> matchers) {
    this.values = List.copyOf(values);
    this.matchers = matchers.toArray(Matchers[]::new);
    this.finder = new CandidateFinder(matchers);
  }

  /** Indexes the entries; {@link #match} returns their keys in this order. */
  public static <T> MatcherIndex<T> build(
      List<? extends Map.Entry<? extends T, Matchers>> entries) {
    List<T> values = new ArrayList<>(entries.size());
    List<Matchers> matchers = new ArrayList<>(entries.size());
    for (Map.Entry<? extends T, Matchers> entry : entries) {
      values.add(Objects.requireNonNull(entry.getKey(), "entry"));
      matchers.add(Objects.requireNonNull(entry.getValue(), "matchers"));
    }
    return new MatcherIndex<>(values, matchers);
  }

  /** Indexes the values by the matchers each one has; {@link #match} keeps this order. */
  public static <T> MatcherIndex<T> build(
      Collection<? extends T> values, Function<? super T, Matchers> matchersOf) {
    return build(values.stream().map(value -> Map.entry(value, matchersOf.apply(value))).toList());
  }

  /** Every entry whose matchers all hold for these labels, in the order the entries were given. */
  public List<T> match(LabelSet labels) {
    int[] candidates = finder.candidates(labels);
    Map<String, String> hashed =
        candidates.length > HASH_LOOKUP_FROM ? new HashMap<>(labels.asMap()) : null;
    List<T> matched = new ArrayList<>();
    for (int ordinal : candidates) {
      Matchers entry = matchers[ordinal];
      if (hashed != null ? entry.matches(hashed) : entry.matches(labels)) {
        matched.add(values.get(ordinal));
      }
    }
    return Collections.unmodifiableList(matched);
  }

  /**
   * The entries that the index cannot rule out for these labels, in entry order: a superset of
   * {@link #match}, and what {@code match} tests. For diagnostics and tests.
   */
  public List<T> candidates(LabelSet labels) {
    return Arrays.stream(finder.candidates(labels)).mapToObj(values::get).toList();
  }

  /** The number of entries. */
  public int size() {
    return values.size();
  }

  /** The number of entries without a keying matcher, tested for every alert. */
  public int unindexedCount() {
    return finder.alwaysTestedCount();
  }
}
