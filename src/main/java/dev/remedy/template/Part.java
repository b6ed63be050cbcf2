package dev.remedy.template;

import java.util.List;

/** A parsed piece of a template: literal text, or an expression between {@code {{ }}}. */
sealed interface Part {

  /** Literal text, copied as is. */
  record Text(String text) implements Part {}

  /**
   * An expression: a variable or a string literal, then filters applied left to right.
   *
   * @param variable the variable, or null for a string literal
   * @param literal the string literal, or null for a variable
   */
  record Expression(VariableRef variable, String literal, List<Filter> filters) implements Part {
    public Expression {
      filters = List.copyOf(filters);
    }
  }
}
