package dev.remedy.workflow.spec;

/**
 * Where a value was written, and where each character of a scalar's text sits in the file, so that
 * an error found inside a string (a template, a matcher, a regex) points at its exact column.
 *
 * @param start the first character of the node
 * @param text the scalar's text, or empty for a mapping or a list
 * @param lines line of each code point of {@code text} (one extra entry: just after the end); null
 *     when the text cannot be mapped character by character (folded and multi-line scalars)
 * @param columns column of each code point, like {@code lines}
 */
record Span(Position start, String text, int[] lines, int[] columns) {

  static Span of(Position start) {
    return new Span(start, "", null, null);
  }

  /** The position of the code point at the 1-based {@code column} of the text. */
  Position atCodePoint(int column) {
    if (lines == null || column < 1) {
      return start;
    }
    int i = Math.min(column - 1, lines.length - 1);
    return new Position(lines[i], columns[i]);
  }

  /** The position of the UTF-16 char at the 1-based {@code column} of the text. */
  Position atChar(int column) {
    int chars = Math.clamp(column - 1, 0, text.length());
    return atCodePoint(text.codePointCount(0, chars) + 1);
  }
}
