package dev.remedy.matching;

/**
 * A regex that does not compile in Go's syntax (RE2), the one Alertmanager reads. The message is
 * {@code invalid regex "<regex>": <reason>}, the reason in Go's words ({@code missing closing )},
 * {@code invalid escape sequence \1 (backreferences are not supported, as in Alertmanager)}).
 */
public final class InvalidRegexException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String regex;
  private final String reason;
  private final int index;

  InvalidRegexException(String regex, String reason, int index, Throwable cause) {
    super("invalid regex " + MatcherFormat.quote(regex) + ": " + reason, cause);
    this.regex = regex;
    this.reason = reason;
    this.index = index;
  }

  /** The regex as written. */
  public String regex() {
    return regex;
  }

  /** What is wrong, without the regex: {@code missing closing )}. */
  public String reason() {
    return reason;
  }

  /**
   * Where in the regex the error is (a UTF-16 index), approximately: the start of the offending
   * part when it can be told, else 0.
   */
  public int index() {
    return index;
  }
}
