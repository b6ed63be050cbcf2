package dev.remedy.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateVariablesTest {

  private static final TemplateVariables STEP =
      new TemplateVariables(
          Set.of("namespace", "deployment"),
          Map.of("restart", Set.of("restartedAt")),
          true,
          false,
          true);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "labels.namespace            | ",
        "annotations.summary         | ",
        "alert.fingerprint           | ",
        "params.deployment           | ",
        "steps.restart.restartedAt   | ",
        "run.id                      | ",
        "labels                      | labels needs a name, e.g. labels.namespace",
        "labels.a.b                  | labels.a.b: a label value has no fields",
        "alert.fingerprnt            | unknown alert field \"fingerprnt\" (expected one of"
            + " fingerprint, startsAt, generatorURL)",
        "params.deploy               | unknown param \"deploy\" (expected one of deployment,"
            + " namespace)",
        "steps.wait.ready            | unknown step \"wait\": only earlier steps can be read"
            + " (restart)",
        "steps.restart.status        | step \"restart\" has no output \"status\" (expected one of"
            + " restartedAt)",
        "steps.restart               | steps needs a step id and an output, e.g."
            + " steps.restart.restartedAt",
        "run.failure                 | run.failure can only be used in onFailure steps",
        "lables.namespace            | unknown variable \"lables.namespace\" (variables start with"
            + " labels, annotations, alert, params, run or steps)",
      })
  void checksNamesAtLoad(String variable, String problem) {
    VariableRef ref = new VariableRef(List.of(variable.split("\\.")), 1, false);
    assertThat(STEP.problem(ref)).isEqualTo(Optional.ofNullable(problem));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "params.namespace | params cannot be used here: params are rendered from the alert",
        "run.id           | run fields cannot be used here",
        "labels.x         | ",
      })
  void paramsReadTheAlertOnly(String variable, String problem) {
    VariableRef ref = new VariableRef(List.of(variable.split("\\.")), 1, false);
    assertThat(TemplateVariables.alertOnly().problem(ref)).isEqualTo(Optional.ofNullable(problem));
  }

  @org.junit.jupiter.api.Test
  void aTargetCannotReadTheAlertDirectly() {
    VariableRef ref = new VariableRef(List.of("labels", "deployment"), 1, false);
    assertThat(STEP.withoutAlert().problem(ref))
        .contains(
            "labels cannot be used in a target: alert data is attacker-controlled; fill a param"
                + " from it and constrain the param with a pattern");
    assertThat(
            STEP.withoutAlert().problem(new VariableRef(List.of("params", "namespace"), 1, false)))
        .isEmpty();
  }
}
