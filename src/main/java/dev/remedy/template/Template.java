package dev.remedy.template;

import java.util.List;
import java.util.Objects;

/**
 * A parsed workflow string with {@code {{ expr }}} expressions, immutable and thread-safe.
 *
 * <p>Written by hand rather than with a template library on purpose. Our rules are: the variables
 * of every template are known when the workflow loads (so an unknown one is a load error with its
 * column), a missing value fails the run instead of rendering as "", templates can never call a
 * method, and the engine must work in a native image without reflection. Mustache renders missing
 * values as "" and has no filters; Qute, Pebble and Jinjava resolve values by reflection and can
 * call methods on them, and none of them exposes its variables for a static check before rendering.
 * The grammar we need (a path and four filters) is about 200 lines.
 */
public final class Template {

  private final String source;
  private final List<Part> parts;

  private Template(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /** Parses {@code source}; a string without {@code {{} is a literal template. */
  public static Template parse(String source) throws TemplateSyntaxException {
    Objects.requireNonNull(source, "source");
    return new Template(source, TemplateParser.parse(source));
  }

  /** A template that renders {@code text} as is, even if it contains braces. */
  public static Template literal(String text) {
    return new Template(text, text.isEmpty() ? List.of() : List.of(new Part.Text(text)));
  }

  /** The template as written. */
  public String source() {
    return source;
  }

  /** Whether rendering needs no variable (no expression, or only string literals). */
  public boolean isLiteral() {
    return variables().isEmpty();
  }

  /** The variables this template reads, in the order they appear. */
  public List<VariableRef> variables() {
    return parts.stream()
        .filter(p -> p instanceof Part.Expression e && e.variable() != null)
        .map(p -> ((Part.Expression) p).variable())
        .toList();
  }

  /**
   * Renders the template.
   *
   * @throws TemplateRenderException when a variable has no value and no {@code default} filter
   */
  public String render(TemplateScope scope) throws TemplateRenderException {
    StringBuilder out = new StringBuilder(source.length() + 32);
    for (Part part : parts) {
      switch (part) {
        case Part.Text text -> out.append(text.text());
        case Part.Expression expression -> out.append(evaluate(expression, scope));
      }
    }
    return out.toString();
  }

  private static String evaluate(Part.Expression expression, TemplateScope scope)
      throws TemplateRenderException {
    String value = expression.literal();
    VariableRef variable = expression.variable();
    if (variable != null) {
      value = scope.resolve(variable.path()).orElse(null);
      if (value == null && !variable.defaulted()) {
        throw new TemplateRenderException(
            "variable " + variable.display() + " has no value", variable.display());
      }
    }
    for (Filter filter : expression.filters()) {
      if (value != null || filter instanceof Filter.Default) {
        value = filter.apply(value);
      }
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Template other && other.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
