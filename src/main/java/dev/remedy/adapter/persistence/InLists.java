package dev.remedy.adapter.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits the values of an {@code in (...)} list so that no statement carries too many. */
final class InLists {

  /** Far below PostgreSQL's 32,767 bind parameters, and keeps each statement's plan cheap. */
  static final int MAX_VALUES = 500;

  private InLists() {}

  static List<List<String>> chunks(Collection<String> values) {
    List<String> all = new ArrayList<>(values);
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += MAX_VALUES) {
      chunks.add(all.subList(from, Math.min(all.size(), from + MAX_VALUES)));
    }
    return chunks;
  }
}
