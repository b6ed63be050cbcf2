package dev.remedy.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The query string that repeats a page's filters (for its refresh, next page and links). */
final class QueryString {

  private QueryString() {}

  /** {@code name=value&...} of the pairs whose value is not blank, values URL-encoded. */
  static String of(String... namesAndValues) {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      String value = namesAndValues[i + 1];
      if (value != null && !value.isBlank()) {
        q.append(q.isEmpty() ? "" : "&")
            .append(namesAndValues[i])
            .append('=')
            .append(URLEncoder.encode(value.trim(), StandardCharsets.UTF_8));
      }
    }
    return q.toString();
  }
}
