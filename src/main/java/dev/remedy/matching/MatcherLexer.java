package dev.remedy.matching;

/**
 * Splits one matcher string into tokens, with the rules of Alertmanager's UTF-8 matcher parser
 * ({@code matcher/parse}): whitespace separates tokens; an unquoted token runs until whitespace or
 * one of <code>{}!=~,\"'`</code>; a quoted token runs to the next unescaped {@code "} and {@link
 * #unquote} resolves its escapes.
 */
final class MatcherLexer {

  enum Kind {
    OPEN_BRACE,
    CLOSE_BRACE,
    COMMA,
    /** A run of {@code =}, {@code !} and {@code ~}; the parser checks it is an operator. */
    OPERATOR,
    QUOTED,
    UNTERMINATED_QUOTE,
    UNQUOTED,
    /** A backslash or a single quote or backquote outside double quotes. */
    INVALID,
    END
  }

  /** A token: its kind, its source text and the char offset where it starts in the input. */
  record Token(Kind kind, String text, int start) {}

  private static final String RESERVED = "{}!=~,\\\"'`";

  private final String input;
  private final int index;
  private int position;
  private Token peeked;

  /** A lexer for {@code input}, the string at {@code index} of the caller's list. */
  MatcherLexer(String input, int index) {
    this.input = input;
    this.index = index;
  }

  Token peek() {
    if (peeked == null) {
      peeked = scan();
    }
    return peeked;
  }

  Token next() {
    Token token = peek();
    peeked = null;
    return token;
  }

  private Token scan() {
    while (position < input.length() && isSpace(input.codePointAt(position))) {
      position += Character.charCount(input.codePointAt(position));
    }
    int start = position;
    if (start >= input.length()) {
      return new Token(Kind.END, "", start);
    }
    char first = input.charAt(start);
    return switch (first) {
      case '{' -> single(Kind.OPEN_BRACE);
      case '}' -> single(Kind.CLOSE_BRACE);
      case ',' -> single(Kind.COMMA);
      case '\\', '\'', '`' -> single(Kind.INVALID);
      case '"' -> quoted();
      case '=', '!', '~' -> run(Kind.OPERATOR, "=!~".indexOf(first) >= 0);
      default -> run(Kind.UNQUOTED, false);
    };
  }

  private Token single(Kind kind) {
    position++;
    return new Token(kind, input.substring(position - 1, position), position - 1);
  }

  /** Operator characters when {@code operator}, otherwise characters that are not reserved. */
  private Token run(Kind kind, boolean operator) {
    int start = position;
    while (position < input.length()) {
      int c = input.codePointAt(position);
      boolean belongs = operator ? "=!~".indexOf(c) >= 0 : !isReserved(c);
      if (!belongs) {
        break;
      }
      position += Character.charCount(c);
    }
    return new Token(kind, input.substring(start, position), start);
  }

  private Token quoted() {
    int start = position;
    int i = start + 1;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c == '"') {
        position = i + 1;
        return new Token(Kind.QUOTED, input.substring(start, position), start);
      }
      i += c == '\\' ? 2 : 1;
    }
    position = input.length();
    return new Token(Kind.UNTERMINATED_QUOTE, input.substring(start), start);
  }

  /** The text between the quotes of a quoted token, with its escapes resolved. */
  String unquote(Token token, String what) throws MatcherSyntaxException {
    String raw = token.text();
    StringBuilder text = new StringBuilder(raw.length());
    for (int i = 1; i < raw.length() - 1; i++) {
      char c = raw.charAt(i);
      if (c == '\n') {
        throw error("line break in quoted " + what + " (write \\n)", token.start() + i);
      }
      if (c != '\\') {
        text.append(c);
        continue;
      }
      char escaped = raw.charAt(++i);
      switch (escaped) {
        case '"', '\\' -> text.append(escaped);
        case 'n' -> text.append('\n');
        case 't' -> text.append('\t');
        case 'r' -> text.append('\r');
        default ->
            throw error(
                "unknown escape \"\\"
                    + Character.toString(raw.codePointAt(i))
                    + "\" in quoted "
                    + what
                    + " (write \\\\ for a backslash)",
                token.start() + i - 1);
      }
    }
    return text.toString();
  }

  /** An error at this char offset of the input, reported with its 1-based code point column. */
  MatcherSyntaxException error(String message, int offset) {
    int column = input.codePointCount(0, Math.min(offset, input.length())) + 1;
    return new MatcherSyntaxException(message, index, column);
  }

  static boolean isSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  static boolean isReserved(int c) {
    return isSpace(c) || RESERVED.indexOf(c) >= 0;
  }
}
