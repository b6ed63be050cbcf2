package dev.remedy.matching;

/**
 * A matcher that cannot be parsed. {@link #getMessage()} is the plain explanation (for example
 * {@code unknown operator "==" (expected one of =, !=, =~, !~)}); the caller adds the file and line
 * from {@link #index()} and {@link #column()}.
 */
public final class MatcherSyntaxException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int index;
  private final int column;

  MatcherSyntaxException(String message, int index, int column) {
    super(message);
    this.index = index;
    this.column = column;
  }

  /** The 0-based position, in the list given to {@link Matchers#parse}, of the offending string. */
  public int index() {
    return index;
  }

  /** The 1-based column of the error inside that string, counted in Unicode code points. */
  public int column() {
    return column;
  }
}
