package dev.remedy.workflow.spec;

import dev.remedy.template.Template;
import dev.remedy.template.TemplateVariables;
import dev.remedy.template.VariableRef;
import dev.remedy.workflow.spec.StepSpec.ConditionSpec;

/** Reports variables that a template or condition cannot read where it is written. */
final class VariableCheck {

  private final Problems problems;

  VariableCheck(Problems problems) {
    this.problems = problems;
  }

  void template(Value<Template> template, TemplateVariables allowed) {
    for (VariableRef ref : template.value().variables()) {
      allowed
          .problem(ref)
          .ifPresent(m -> problems.add(template.span().atChar(ref.column()), template.field(), m));
    }
  }

  void condition(Value<ConditionSpec> condition, TemplateVariables allowed) {
    VariableRef ref = condition.value().variable();
    allowed
        .problem(ref)
        .ifPresent(m -> problems.add(condition.span().atChar(ref.column()), condition.field(), m));
  }
}
