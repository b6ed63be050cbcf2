package dev.remedy.template;

/**
 * A template whose variable has no value at render time (for example an alert without the label).
 */
public final class TemplateRenderException extends Exception {

  private final String variable;

  public TemplateRenderException(String message, String variable) {
    super(message);
    this.variable = variable;
  }

  /** The variable that had no value, as written in the template (e.g. {@code labels.namespace}). */
  public String variable() {
    return variable;
  }
}
