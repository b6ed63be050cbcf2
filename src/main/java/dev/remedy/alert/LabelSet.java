package dev.remedy.alert;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable, name-sorted set of labels (or annotations). As in Alertmanager, an absent label
 * reads as the empty string.
 */
public record LabelSet(SortedMap<String, String> asMap) {

  public static final LabelSet EMPTY = new LabelSet(new TreeMap<>());

  public LabelSet {
    asMap = Collections.unmodifiableSortedMap(new TreeMap<>(asMap));
  }

  public static LabelSet of(Map<String, String> labels) {
    return labels == null || labels.isEmpty() ? EMPTY : new LabelSet(new TreeMap<>(labels));
  }

  /** The label's value, or {@code ""} when the label is absent. */
  public String get(String name) {
    return asMap.getOrDefault(name, "");
  }

  public boolean isEmpty() {
    return asMap.isEmpty();
  }
}
