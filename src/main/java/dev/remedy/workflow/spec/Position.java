package dev.remedy.workflow.spec;

/** A 1-based line and column in a workflow file (columns count Unicode code points). */
record Position(int line, int column) implements Comparable<Position> {

  static final Position FILE_START = new Position(1, 1);

  /** How an error message refers to an earlier position: its line, or column on the same line. */
  String describeFrom(Position later) {
    return later.line == line ? "column " + column : "line " + line;
  }

  @Override
  public int compareTo(Position other) {
    return line != other.line
        ? Integer.compare(line, other.line)
        : Integer.compare(column, other.column);
  }
}
