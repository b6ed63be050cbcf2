package dev.remedy.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the template grammar:
 *
 * <pre>
 * template := ( text | "{{" expr "}}" )*
 * expr     := ( string | path ) ( "|" filter )*
 * path     := name ( "." segment | "[" string "]" )*
 * filter   := "lower" | "upper" | "json" | "default" "(" string ")" | "trunc" "(" integer ")"
 * string   := '"' ... '"' | "'" ... "'"   (backslash escapes \" \' \\ \n \t)
 * </pre>
 *
 * Columns in errors are 1-based positions in the template string.
 */
final class TemplateParser {

  private static final String FILTERS = "lower, upper, default, trunc, json";

  private final String source;
  private int pos;

  private TemplateParser(String source) {
    this.source = source;
  }

  static List<Part> parse(String source) throws TemplateSyntaxException {
    return new TemplateParser(source).template();
  }

  private List<Part> template() throws TemplateSyntaxException {
    List<Part> parts = new ArrayList<>();
    while (pos < source.length()) {
      int open = source.indexOf("{{", pos);
      if (open < 0) {
        parts.add(new Part.Text(source.substring(pos)));
        break;
      }
      if (open > pos) {
        parts.add(new Part.Text(source.substring(pos, open)));
      }
      pos = open + 2;
      parts.add(expression(open));
    }
    return parts;
  }

  private Part.Expression expression(int open) throws TemplateSyntaxException {
    skipSpaces();
    if (atEnd()) {
      throw error("unclosed \"{{\" (expected \"}}\")", open);
    }
    if (source.startsWith("}}", pos)) {
      throw error("empty expression", open);
    }
    VariableRef variable = null;
    String literal = null;
    int start = pos;
    if (peek() == '"' || peek() == '\'') {
      literal = string();
    } else {
      variable = new VariableRef(path(), start + 1, false);
    }
    List<Filter> filters = new ArrayList<>();
    skipSpaces();
    while (!atEnd() && peek() == '|') {
      pos++;
      skipSpaces();
      filters.add(filter());
      skipSpaces();
    }
    if (!source.startsWith("}}", pos)) {
      throw atEnd()
          ? error("unclosed \"{{\" (expected \"}}\")", open)
          : error("unexpected " + describe(peek()) + " (expected \"|\" or \"}}\")", pos);
    }
    pos += 2;
    if (variable != null && filters.stream().anyMatch(f -> f instanceof Filter.Default)) {
      variable = new VariableRef(variable.path(), variable.column(), true);
    }
    return new Part.Expression(variable, literal, filters);
  }

  private List<String> path() throws TemplateSyntaxException {
    List<String> path = new ArrayList<>();
    path.add(name("a variable such as labels.namespace", false));
    while (!atEnd() && (peek() == '.' || peek() == '[')) {
      if (source.charAt(pos++) == '.') {
        path.add(name("a name after \".\"", true));
      } else {
        skipSpaces();
        if (atEnd() || (peek() != '"' && peek() != '\'')) {
          throw error("expected a quoted name after \"[\", e.g. labels[\"Service Name\"]", pos);
        }
        path.add(string());
        skipSpaces();
        if (atEnd() || peek() != ']') {
          throw error("expected \"]\"", pos);
        }
        pos++;
      }
    }
    return path;
  }

  private String name(String expected, boolean segment) throws TemplateSyntaxException {
    int start = pos;
    while (!atEnd() && isNameChar(peek(), pos == start, segment)) {
      pos++;
    }
    if (pos == start) {
      throw error("expected " + expected + (atEnd() ? "" : ", found " + describe(peek())), start);
    }
    return source.substring(start, pos);
  }

  private static boolean isNameChar(char c, boolean first, boolean segment) {
    boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    boolean digit = c >= '0' && c <= '9';
    return first ? letter || (segment && digit) : letter || digit || (segment && c == '-');
  }

  private Filter filter() throws TemplateSyntaxException {
    int start = pos;
    String name = atEnd() || !isNameChar(peek(), true, false) ? "" : name("a filter", false);
    return switch (name) {
      case "lower" -> new Filter.Lower();
      case "upper" -> new Filter.Upper();
      case "json" -> new Filter.Json();
      case "default" -> new Filter.Default(argument(name, true, start).toString());
      case "trunc" -> new Filter.Trunc((Integer) argument(name, false, start));
      case "" -> throw error("expected a filter after \"|\" (one of " + FILTERS + ")", start);
      default ->
          throw error("unknown filter \"" + name + "\" (expected one of " + FILTERS + ")", start);
    };
  }

  private Object argument(String filter, boolean text, int filterStart)
      throws TemplateSyntaxException {
    String example = text ? filter + "(\"none\")" : filter + "(63)";
    skipSpaces();
    if (atEnd() || peek() != '(') {
      throw error("filter " + filter + " needs an argument, e.g. " + example, filterStart);
    }
    pos++;
    skipSpaces();
    Object value;
    if (text) {
      if (atEnd() || (peek() != '"' && peek() != '\'')) {
        throw error("filter " + filter + " takes a quoted string, e.g. " + example, pos);
      }
      value = string();
    } else {
      int start = pos;
      while (!atEnd() && Character.isDigit(peek())) {
        pos++;
      }
      if (pos == start || pos - start > 6) {
        throw error("filter " + filter + " takes a whole number, e.g. " + example, start);
      }
      value = Integer.parseInt(source.substring(start, pos));
    }
    skipSpaces();
    if (atEnd() || peek() != ')') {
      throw error("expected \")\" to close the argument of " + filter, pos);
    }
    pos++;
    return value;
  }

  private String string() throws TemplateSyntaxException {
    int start = pos;
    char quote = source.charAt(pos++);
    StringBuilder b = new StringBuilder();
    while (!atEnd()) {
      char c = source.charAt(pos++);
      if (c == quote) {
        return b.toString();
      }
      if (c == '\\') {
        if (atEnd()) {
          break;
        }
        char e = source.charAt(pos++);
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case '\\', '"', '\'' -> b.append(e);
          default -> throw error("unknown escape \"\\" + e + "\" in string", pos - 2);
        }
      } else {
        b.append(c);
      }
    }
    throw error("unterminated string", start);
  }

  private void skipSpaces() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= source.length();
  }

  private char peek() {
    return source.charAt(pos);
  }

  private static String describe(char c) {
    return "\"" + c + "\"";
  }

  private static TemplateSyntaxException error(String message, int index) {
    return new TemplateSyntaxException(message, index + 1);
  }
}
