package dev.remedy.adapter.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

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

  /** Reads one row of a result. */
  @FunctionalInterface
  interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  /**
   * Runs {@code select} followed by {@code in (...)} of the keys, in chunks, on the session's
   * connection; each row to the reader.
   */
  static void selectIn(
      SharedSessionContractImplementor session,
      String select,
      Collection<String> keys,
      RowReader reader) {
    selectIn(session, select, keys, "", reader);
  }

  /**
   * Runs {@code select} followed by {@code in (...)} of the keys and then {@code after} (an {@code
   * order by}, say), in chunks, on the session's connection; each row to the reader.
   */
  static void selectIn(
      SharedSessionContractImplementor session,
      String select,
      Collection<String> keys,
      String after,
      RowReader reader) {
    for (List<String> chunk : chunks(keys)) {
      session.doWork(
          connection -> {
            try (PreparedStatement query =
                CustomPlans.prepare(
                    connection, select + " in (" + placeholders(chunk.size()) + ")" + after)) {
              bind(query, 1, chunk);
              try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                  reader.read(rows);
                }
              }
            }
          });
    }
  }

  /** {@code ?, ?, ...}: {@code count} parameters. */
  static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  /**
   * Binds {@code values} (strings or numbers, by the driver's own mapping of their type) from
   * parameter {@code first} on.
   */
  static void bind(PreparedStatement statement, int first, List<?> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(first + i, values.get(i));
    }
  }
}
