package dev.remedy.adapter.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits the values of an {@code in (...)} list so that no statement carries too many. */
final class InLists {

  /** Far below PostgreSQL's 32,767 bind parameters, and keeps each statement's plan cheap. */
  static final int MAX_VALUES = 500;

  private InLists() {}

  static <T> List<List<T>> chunks(Collection<T> values) {
    List<T> all = new ArrayList<>(values);
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += MAX_VALUES) {
      chunks.add(all.subList(from, Math.min(all.size(), from + MAX_VALUES)));
    }
    return chunks;
  }
}
