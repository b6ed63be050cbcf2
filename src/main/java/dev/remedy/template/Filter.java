package dev.remedy.template;

import java.util.Locale;

/** The filters a template may apply, in a pipeline: {@code {{ labels.team | default("sre") }}}. */
sealed interface Filter {

  /** Applies the filter; {@code value} is null when the variable is missing. */
  String apply(String value);

  /** Lower-cases (locale-independent). */
  record Lower() implements Filter {
    @Override
    public String apply(String value) {
      return value.toLowerCase(Locale.ROOT);
    }
  }

  /** Upper-cases (locale-independent). */
  record Upper() implements Filter {
    @Override
    public String apply(String value) {
      return value.toUpperCase(Locale.ROOT);
    }
  }

  /**
   * Escapes the value for the inside of a JSON string ({@code "cause": "{{ run.failure | json
   * }}"}): quotes, backslashes and control characters.
   */
  record Json() implements Filter {
    @Override
    public String apply(String value) {
      StringBuilder b = new StringBuilder(value.length() + 8);
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          default -> {
            if (c < 0x20) {
              b.append(String.format("\\u%04x", (int) c));
            } else {
              b.append(c);
            }
          }
        }
      }
      return b.toString();
    }
  }

  /** Replaces a missing or empty value, as Helm's and Jinja's {@code default} do. */
  record Default(String fallback) implements Filter {
    @Override
    public String apply(String value) {
      return value == null || value.isEmpty() ? fallback : value;
    }
  }

  /** Keeps at most {@code length} characters (code points), e.g. for 63-character names. */
  record Trunc(int length) implements Filter {
    @Override
    public String apply(String value) {
      if (value.codePointCount(0, value.length()) <= length) {
        return value;
      }
      return value.substring(0, value.offsetByCodePoints(0, length));
    }
  }
}
