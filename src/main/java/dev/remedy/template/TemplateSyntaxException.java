package dev.remedy.template;

/** A template that cannot be parsed. The message has no position; {@link #column()} has it. */
public final class TemplateSyntaxException extends Exception {

  private final int column;

  public TemplateSyntaxException(String message, int column) {
    super(message);
    this.column = column;
  }

  /** 1-based column of the error inside the template string. */
  public int column() {
    return column;
  }
}
