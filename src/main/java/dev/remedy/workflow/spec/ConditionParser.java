package dev.remedy.workflow.spec;

import dev.remedy.matching.Matcher;
import dev.remedy.matching.MatcherSyntaxException;
import dev.remedy.matching.Matchers;
import dev.remedy.template.VariableRef;
import dev.remedy.workflow.spec.StepSpec.ConditionSpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses a {@code when:} condition, {@code <variable> <op> <value>} such as {@code
 * steps.probe.status =~ "5.."}: a dotted variable, then an Alertmanager matcher operator and value
 * (parsed by {@link Matchers#parseOne} as the matcher {@code value<op><value>}, so quoting and
 * regex rules are the matchers'). Errors point at their column inside the condition.
 */
final class ConditionParser {

  private static final String LABEL = "value";
  private static final Pattern VARIABLE =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_][A-Za-z0-9_-]*)*");
  private static final String[] OPERATORS = {"=~", "!~", "!=", "="};
  private static final String SYNTAX =
      "a condition is <variable> <op> <value>, e.g. steps.probe.status =~ \"5..\"";

  private final Problems problems;

  ConditionParser(Problems problems) {
    this.problems = problems;
  }

  Optional<Value<ConditionSpec>> parse(Value<String> condition) {
    String text = condition.value();
    int start = skipSpaces(text, 0);
    java.util.regex.Matcher variable = VARIABLE.matcher(text).region(start, text.length());
    if (!variable.lookingAt()) {
      return fail(condition, start, "expected a variable such as params.namespace: " + SYNTAX);
    }
    int opStart = skipSpaces(text, variable.end());
    Optional<String> op =
        Arrays.stream(OPERATORS).filter(o -> text.startsWith(o, opStart)).findFirst();
    if (op.isEmpty()) {
      return fail(
          condition, opStart, "expected an operator (=, !=, =~, !~) after the variable: " + SYNTAX);
    }
    int valueStart = opStart + op.get().length();
    String matcherText = LABEL + op.get() + text.substring(valueStart);
    try {
      Matcher matcher = Matchers.parseOne(matcherText);
      VariableRef ref =
          new VariableRef(Arrays.asList(variable.group().split("\\.")), start + 1, false);
      return Optional.of(condition.with(new ConditionSpec(text, ref, matcher)));
    } catch (MatcherSyntaxException e) {
      int prefix = LABEL.length() + op.get().length();
      int valueColumn = text.codePointCount(0, valueStart) + (e.column() - prefix);
      int column = e.column() > prefix ? valueColumn : text.codePointCount(0, opStart) + 1;
      problems.add(condition.span().atCodePoint(column), condition.field(), e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<Value<ConditionSpec>> fail(Value<String> condition, int index, String message) {
    problems.add(condition.span().atChar(index + 1), condition.field(), message);
    return Optional.empty();
  }

  private static int skipSpaces(String text, int index) {
    while (index < text.length() && text.charAt(index) == ' ') {
      index++;
    }
    return index;
  }
}
