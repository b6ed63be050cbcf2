package dev.remedy.workflow.spec;

import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The text of a workflow file as code points, to turn YAML marks into positions and to map each
 * character of a scalar's value back to the file: plain and quoted scalars on one line (escapes
 * included) and literal blocks ({@code |}). Other scalars map to their first character.
 */
final class SourceText {

  private final int[] codePoints;

  SourceText(String text) {
    this.codePoints = text.codePoints().toArray();
  }

  static Position position(Optional<Mark> mark) {
    return mark.map(m -> new Position(m.getLine() + 1, m.getColumn() + 1))
        .orElse(Position.FILE_START);
  }

  Span span(Node node) {
    Position start = position(node.getStartMark());
    if (!(node instanceof ScalarNode scalar) || node.getStartMark().isEmpty()) {
      return Span.of(start);
    }
    int[] value = scalar.getValue().codePoints().toArray();
    int[] lines = new int[value.length + 1];
    int[] columns = new int[value.length + 1];
    int index = node.getStartMark().get().getIndex();
    boolean mapped =
        switch (scalar.getScalarStyle()) {
          case PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED ->
              mapInline(scalar.getScalarStyle(), value, index, start, lines, columns);
          case LITERAL -> mapLiteral(value, skipProperties(index), start, lines, columns);
          default -> false;
        };
    return mapped ? new Span(start, scalar.getValue(), lines, columns) : Span.of(start);
  }

  /** Skips a tag ({@code !!str}) and an anchor ({@code &a}) written before the scalar. */
  private int skipProperties(int index) {
    while (index < codePoints.length && (at(index) == '!' || at(index) == '&')) {
      while (index < codePoints.length && at(index) != ' ' && at(index) != '\n') {
        index++;
      }
      while (index < codePoints.length && at(index) == ' ') {
        index++;
      }
    }
    return index;
  }

  /** A scalar on one line; {@code mark} is the index of its first character (maybe a tag). */
  private boolean mapInline(
      ScalarStyle style, int[] value, int mark, Position start, int[] lines, int[] columns) {
    int raw = skipProperties(mark);
    if (style != ScalarStyle.PLAIN) {
      raw++;
    }
    for (int i = 0; i <= value.length; i++) {
      boolean endOfLine = raw >= codePoints.length || at(raw) == '\n' || at(raw) == '\r';
      if (i < value.length && endOfLine) {
        return false; // the scalar goes on over several lines
      }
      lines[i] = start.line();
      columns[i] = start.column() + (raw - mark);
      if (i < value.length) {
        raw += rawLength(style, raw);
      }
    }
    return true;
  }

  private int rawLength(ScalarStyle style, int raw) {
    if (style == ScalarStyle.SINGLE_QUOTED && at(raw) == '\'') {
      return 2;
    }
    if (style == ScalarStyle.DOUBLE_QUOTED && at(raw) == '\\' && raw + 1 < codePoints.length) {
      return switch (at(raw + 1)) {
        case 'x' -> 4;
        case 'u' -> 6;
        case 'U' -> 10;
        default -> 2;
      };
    }
    return 1;
  }

  /** Columns of a literal block: content lines follow the header line, at a fixed indentation. */
  private boolean mapLiteral(int[] value, int index, Position start, int[] lines, int[] columns) {
    int raw = index;
    while (raw < codePoints.length && at(raw) != '\n') {
      if (Character.isDigit(at(raw))) {
        return false; // explicit indentation indicator: rare, not mapped
      }
      raw++;
    }
    int indent = contentIndent(raw + 1);
    int line = start.line() + 1;
    int offset = 0;
    for (int i = 0; i <= value.length; i++) {
      lines[i] = line;
      columns[i] = indent + 1 + offset;
      if (i < value.length && value[i] == '\n') {
        line++;
        offset = 0;
      } else {
        offset++;
      }
    }
    return true;
  }

  private int contentIndent(int lineStart) {
    int raw = lineStart;
    while (raw < codePoints.length) {
      int spaces = 0;
      while (raw < codePoints.length && at(raw) == ' ') {
        spaces++;
        raw++;
      }
      if (raw < codePoints.length && at(raw) == '\r') {
        raw++;
      }
      if (raw >= codePoints.length || at(raw) != '\n') {
        return spaces;
      }
      raw++;
    }
    return 0;
  }

  private int at(int index) {
    return codePoints[index];
  }
}
