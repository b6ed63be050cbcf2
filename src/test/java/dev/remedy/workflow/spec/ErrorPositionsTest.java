package dev.remedy.workflow.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.workflow.LoadResult;
import dev.remedy.workflow.WorkflowError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An error inside a string points at its exact column, however the string is written: plain, quoted
 * with escapes, or as a literal block over several lines. Aliases within the limit work.
 */
class ErrorPositionsTest {

  private static final String HEAD =
      """
      apiVersion: remedy/v1
      kind: Workflow
      metadata:
        name: positions
      spec:
        matchers: [ alertname = X ]
        steps:
          - id: tell
            action: notify
      """;

  private static List<String> errors(String steps) {
    LoadResult result =
        new WorkflowFileLoader()
            .load("positions.yaml", (HEAD + steps).getBytes(StandardCharsets.UTF_8));
    return result instanceof LoadResult.Invalid invalid
        ? invalid.errors().stream().map(WorkflowError::toString).toList()
        : List.of();
  }

  @Test
  void aVariableInAPlainString() {
    assertThat(errors("      with:\n        text: hi {{ params.x }}\n"))
        .containsExactly(
            "positions.yaml:11:21 spec.steps[0].with.text: unknown param \"x\" (none declared)");
  }

  @Test
  void aVariableAfterEscapesInADoubleQuotedString() {
    assertThat(errors("      with:\n        text: \"\\t\\u00e9\\\"{{ params.x }}\"\n"))
        .containsExactly(
            "positions.yaml:11:29 spec.steps[0].with.text: unknown param \"x\" (none declared)");
  }

  @Test
  void aVariableAfterAnEscapedQuoteInASingleQuotedString() {
    assertThat(errors("      with:\n        text: 'it''s {{ params.x }}'\n"))
        .containsExactly(
            "positions.yaml:11:25 spec.steps[0].with.text: unknown param \"x\" (none declared)");
  }

  @Test
  void aVariableOnTheThirdLineOfALiteralBlock() {
    String steps =
        """
              with:
                text: |
                  first line
                  second line
                    indented {{ params.x }}
        """;
    assertThat(errors(steps))
        .containsExactly(
            "positions.yaml:14:25 spec.steps[0].with.text: unknown param \"x\" (none declared)");
  }

  @Test
  void windowsLineEndingsKeepThePositions() {
    String steps =
        "      with:\n        text: |\n          first line\n\n            {{ params.x }}\n";
    LoadResult result =
        new WorkflowFileLoader()
            .load(
                "positions.yaml",
                (HEAD + steps).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    assertThat(((LoadResult.Invalid) result).errors())
        .extracting(WorkflowError::toString)
        .containsExactly(
            "positions.yaml:14:16 spec.steps[0].with.text: unknown param \"x\" (none declared)");
  }

  @Test
  void aStringAfterAnAnchorAndATag() {
    assertThat(errors("      with:\n        text: &t !!str \"{{ params.x }}\"\n"))
        .containsExactly(
            "positions.yaml:11:28 spec.steps[0].with.text: unknown param \"x\" (none declared)");
  }

  @Test
  void aliasesWithinTheLimitAreResolved() {
    String yaml =
        """
        apiVersion: remedy/v1
        kind: Workflow
        metadata:
          name: positions
        spec:
          matchers: [ alertname = X ]
          steps:
            - id: restart
              action: restart
              target: &web { kind: Deployment, namespace: shop, name: web }
            - id: wait
              action: waitForRollout
              target: *web
        """;
    LoadResult result =
        new WorkflowFileLoader().load("positions.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
  }
}
