package dev.remedy.workflow.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.workflow.LoadResult;
import dev.remedy.workflow.WorkflowError;
import dev.remedy.workflow.spec.Fixtures.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture per kind of mistake: each file must be rejected with exactly the {@code
 * file:line:column field: message} lines written at its end, in that order, and nothing else.
 */
class InvalidWorkflowFixturesTest {

  private final WorkflowFileLoader loader = new WorkflowFileLoader();

  @ParameterizedTest
  @MethodSource("dev.remedy.workflow.spec.Fixtures#invalid")
  void isRejectedWithExactlyTheExpectedErrors(Fixture fixture) {
    assertThat(fixture.expected()).as("the fixture states its errors").isNotEmpty();

    LoadResult result = loader.load(fixture.name(), fixture.content());

    assertThat(result).isInstanceOf(LoadResult.Invalid.class);
    List<String> errors =
        ((LoadResult.Invalid) result).errors().stream().map(WorkflowError::toString).toList();
    assertThat(errors).containsExactlyElementsOf(fixture.expected());
  }

  @Test
  void everyKindOfMistakeHasAFixture() {
    assertThat(Fixtures.invalid())
        .extracting(Fixture::name)
        .contains(
            "unknown-key.yaml",
            "duplicate-key.yaml",
            "wrong-types.yaml",
            "missing-required.yaml",
            "bad-matchers.yaml",
            "bad-param-pattern.yaml",
            "duplicate-step-id.yaml",
            "revert-unknown-step.yaml",
            "revert-later-step.yaml",
            "revert-non-mutating-step.yaml",
            "unknown-action.yaml",
            "unknown-kind.yaml",
            "unknown-variables.yaml",
            "bad-durations.yaml",
            "billion-laughs.yaml",
            "several-errors.yaml");
  }

  @Test
  void collectsEveryErrorOfAFileSortedByPosition() {
    Fixture several =
        Fixtures.invalid().stream()
            .filter(f -> f.name().equals("several-errors.yaml"))
            .findFirst()
            .orElseThrow();

    List<WorkflowError> errors =
        ((LoadResult.Invalid) loader.load(several.name(), several.content())).errors();

    assertThat(errors)
        .hasSizeGreaterThanOrEqualTo(8)
        .isSortedAccordingTo(WorkflowError.BY_POSITION);
    assertThat(errors)
        .extracting(WorkflowError::field)
        .contains(
            "apiVersion",
            "spec.matchers[1]",
            "spec.onResolved",
            "spec.steps[0].target.kind",
            "spec.steps[0].timout",
            "spec.steps[1].id");
  }

  @Test
  void aFileWithThousandsOfErrorsReportsTheFirstHundredAndHowManyMore() {
    StringBuilder yaml = new StringBuilder("apiVersion: remedy/v1\n");
    for (int i = 0; i < 5000; i++) {
      yaml.append("unknown").append(i).append(": x\n");
    }

    List<WorkflowError> errors =
        ((LoadResult.Invalid)
                loader.load(
                    "many.yaml", yaml.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .errors();

    assertThat(errors).hasSize(Problems.MAX_SHOWN + 1);
    assertThat(errors.getLast().toString())
        .isEqualTo("many.yaml:99:1 file: 4903 more errors from here on are not shown");
  }
}
