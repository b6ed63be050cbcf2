package dev.remedy.matching;

import dev.remedy.matching.MatcherLexer.Kind;
import dev.remedy.matching.MatcherLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one matcher string: {@code name op value}, or several separated by commas, optionally in
 * braces ({@code {a="b", c=~"d"}}, trailing comma allowed). Names are unquoted classic label names
 * or quoted UTF-8; values are unquoted (no spaces or special characters) or quoted.
 */
final class MatcherParser {

  private static final String EXPECTED_OPERATORS = "(expected one of =, !=, =~, !~)";
  private static final String QUOTE_HINT =
      "separate matchers with \",\" and double-quote values that contain spaces or special"
          + " characters";

  private final MatcherLexer lexer;

  private MatcherParser(String input, int index) {
    this.lexer = new MatcherLexer(input, index);
  }

  /** The matchers in {@code input}, the string at {@code index} of the caller's list. */
  static List<Matcher> parse(String input, int index) throws MatcherSyntaxException {
    return new MatcherParser(input, index).parseAll();
  }

  private List<Matcher> parseAll() throws MatcherSyntaxException {
    List<Matcher> matchers = new ArrayList<>();
    Token first = lexer.peek();
    if (first.kind() == Kind.END) {
      throw error("matcher is empty", 0);
    }
    boolean braces = first.kind() == Kind.OPEN_BRACE;
    if (braces) {
      lexer.next();
      if (lexer.peek().kind() == Kind.CLOSE_BRACE) {
        throw error("no matchers between the braces", lexer.peek());
      }
    }
    Token end;
    while (true) {
      matchers.add(parseMatcher(braces));
      end = lexer.next();
      if (end.kind() == Kind.COMMA) {
        Kind after = lexer.peek().kind();
        if (after != Kind.END && after != Kind.CLOSE_BRACE) {
          continue;
        }
        end = lexer.next();
      }
      if (end.kind() == Kind.END || end.kind() == Kind.CLOSE_BRACE) {
        break;
      }
      throw error(
          "unexpected " + shown(end) + " after " + last(matchers) + " (" + QUOTE_HINT + ")", end);
    }
    if (end.kind() == Kind.CLOSE_BRACE && !braces) {
      throw error("unexpected \"}\" without an opening \"{\"", end);
    }
    if (end.kind() == Kind.END && braces) {
      throw error("missing closing brace \"}\"", end);
    }
    Token trailing = lexer.next();
    if (trailing.kind() != Kind.END) {
      throw error("unexpected " + shown(trailing) + " after the closing brace", trailing);
    }
    return matchers;
  }

  private Matcher parseMatcher(boolean braces) throws MatcherSyntaxException {
    String name = parseName(lexer.next(), braces);
    Token operator = lexer.next();
    if (operator.kind() != Kind.OPERATOR) {
      throw error(
          "missing operator after label name "
              + MatcherFormat.quote(name)
              + " "
              + EXPECTED_OPERATORS,
          operator);
    }
    MatchType type = operatorType(operator);
    Token token = lexer.next();
    String value =
        switch (token.kind()) {
          case UNQUOTED -> token.text();
          case QUOTED -> lexer.unquote(token, "value");
          case UNTERMINATED_QUOTE -> throw error("unterminated quoted value", token);
          case END, COMMA, CLOSE_BRACE ->
              throw error(
                  "missing value after \"" + operator.text() + "\" (write \"\" for an empty value)",
                  token);
          default -> throw error(unquotedValueProblem(token), token);
        };
    try {
      return Matcher.of(name, type, value);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage(), token);
    }
  }

  private String parseName(Token token, boolean braces) throws MatcherSyntaxException {
    return switch (token.kind()) {
      case UNQUOTED -> {
        if (comparison(token)) {
          String operator = token.text().substring(token.text().length() - 1) + lexer.peek().text();
          throw error(
              "unknown operator \"" + operator + "\" " + EXPECTED_OPERATORS,
              token.start() + token.text().length() - 1);
        }
        if (!MatcherFormat.UNQUOTED_NAME.matcher(token.text()).matches()) {
          throw error(
              "label name "
                  + MatcherFormat.quote(token.text())
                  + " needs double quotes: unquoted names hold only ASCII letters, digits, \"_\""
                  + " and \":\", and do not start with a digit",
              token);
        }
        yield token.text();
      }
      case QUOTED -> {
        String name = lexer.unquote(token, "label name");
        if (name.isEmpty()) {
          throw error("label name must not be empty", token);
        }
        yield name;
      }
      case UNTERMINATED_QUOTE -> throw error("unterminated quoted label name", token);
      case OPERATOR -> throw error("label name must not be empty", token);
      case END -> throw error(braces ? "missing closing brace \"}\"" : "missing label name", token);
      default -> throw error("unexpected " + shown(token) + " (expected a label name)", token);
    };
  }

  private static String unquotedValueProblem(Token token) {
    return switch (token.text()) {
      case "\\" -> "backslash outside double quotes (double-quote the value, writing \\\\ for \\)";
      case "'", "`" -> "unexpected " + shown(token) + " (quote values with double quotes)";
      default -> "unexpected " + shown(token) + " (double-quote values with special characters)";
    };
  }

  /** {@code foo>=5}: a name token that ends in {@code <} or {@code >} before an operator. */
  private boolean comparison(Token name) {
    String text = name.text();
    return text.length() > 1
        && (text.endsWith("<") || text.endsWith(">"))
        && lexer.peek().kind() == Kind.OPERATOR
        && lexer.peek().start() == name.start() + text.length();
  }

  private MatchType operatorType(Token operator) throws MatcherSyntaxException {
    for (MatchType type : MatchType.values()) {
      if (type.operator().equals(operator.text())) {
        return type;
      }
    }
    throw error(
        "unknown operator " + MatcherFormat.quote(operator.text()) + " " + EXPECTED_OPERATORS,
        operator);
  }

  private static String last(List<Matcher> matchers) {
    return matchers.get(matchers.size() - 1).toString();
  }

  /** The token's text as the user wrote it, in quotes that it does not contain. */
  private static String shown(Token token) {
    String text = token.text().length() > 40 ? token.text().substring(0, 40) + "…" : token.text();
    return text.contains("\"") ? "'" + text + "'" : "\"" + text + "\"";
  }

  private MatcherSyntaxException error(String message, Token token) {
    return lexer.error(message, token.start());
  }

  private MatcherSyntaxException error(String message, int offset) {
    return lexer.error(message, offset);
  }
}
