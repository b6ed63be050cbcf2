package dev.remedy.workflow;

import dev.remedy.alert.LabelSet;
import dev.remedy.matching.Matcher;
import dev.remedy.template.TemplateScope;
import dev.remedy.template.VariableRef;
import java.util.Map;

/**
 * One {@code when:} condition: a template variable tested with an Alertmanager matcher operator,
 * e.g. {@code steps.probe.status =~ "5.."}. A variable without a value reads as the empty string,
 * as an absent label does in a matcher.
 *
 * @param source the condition as written
 * @param matcher the test; its label name is ignored, the variable's value is tested
 */
public record Condition(String source, VariableRef variable, Matcher matcher) {

  public boolean holds(TemplateScope scope) {
    String value = scope.resolve(variable.path()).orElse("");
    return matcher.matches(LabelSet.of(Map.of(matcher.name(), value)));
  }
}
