package dev.remedy.workflow.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.remedy.workflow.LoadResult;
import dev.remedy.workflow.WorkflowError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile files are rejected quickly and cleanly. The time bound is a safety net against a hang or
 * an exponential expansion, not a performance test.
 */
class YamlHardeningTest {

  private static final Duration SAFETY_BOUND = Duration.ofSeconds(2);

  private final WorkflowFileLoader loader = new WorkflowFileLoader();

  private List<String> errors(String text) {
    return errors(text.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> errors(byte[] content) {
    LoadResult result =
        assertTimeoutPreemptively(SAFETY_BOUND, () -> loader.load("hostile.yaml", content));
    assertThat(result).isInstanceOf(LoadResult.Invalid.class);
    return ((LoadResult.Invalid) result).errors().stream().map(WorkflowError::toString).toList();
  }

  @Test
  void aTenThousandDeepFlowSequenceStopsAtTheDepthLimitWithoutStackOverflow() {
    assertThat(errors("[".repeat(10_000) + "]".repeat(10_000)))
        .containsExactly("hostile.yaml:1:33 yaml: nested deeper than 32 levels (the limit)");
  }

  @Test
  void anUnclosedDeepFlowSequenceIsRejectedAsDeepToo() {
    assertThat(errors("[".repeat(10_000)))
        .containsExactly("hostile.yaml:1:33 yaml: nested deeper than 32 levels (the limit)");
  }

  @Test
  void deeplyNestedBlockMappingsStopAtTheDepthLimit() {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
    }
    assertThat(errors(yaml.toString()))
        .containsExactly("hostile.yaml:33:65 yaml: nested deeper than 32 levels (the limit)");
  }

  @Test
  void aBillionLaughsBombStopsAtTheAliasLimit() {
    StringBuilder yaml =
        new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      yaml.append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1))));
      yaml.append("]\n");
    }
    assertThat(errors(yaml.toString()))
        .containsExactly("hostile.yaml:3:15 yaml: more than 10 aliases (the limit per file)");
  }

  @Test
  void aFileOverTheSizeLimitIsRejectedBeforeParsing() {
    byte[] big =
        ("a: \"" + "x".repeat(HardenedYaml.MAX_FILE_BYTES) + "\"\n")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(errors(big))
        .containsExactly("hostile.yaml:1:1 file: larger than the limit of 262144 bytes (256 KiB)");
  }

  @Test
  void bytesThatAreNotUtf8AreRejected() {
    assertThat(errors(new byte[] {'a', ':', ' ', (byte) 0xff, '\n'}))
        .containsExactly("hostile.yaml:1:1 file: not valid UTF-8 text");
  }

  @Test
  void explicitNonStandardTagsAreRejectedWhereverTheyAre() {
    assertThat(errors("a: !!java/object:java.net.URL [x]\nb: !custom y\nc: !!binary aGk=\n"))
        .containsExactly(
            "hostile.yaml:1:4 yaml: tag !!java/object:java.net.URL is not allowed (only the standard"
                + " !!str, !!int, !!float, !!bool, !!null, !!seq and !!map)",
            "hostile.yaml:2:4 yaml: tag !custom is not allowed (only the standard !!str, !!int,"
                + " !!float, !!bool, !!null, !!seq and !!map)",
            "hostile.yaml:3:4 yaml: tag !!binary is not allowed (only the standard !!str, !!int,"
                + " !!float, !!bool, !!null, !!seq and !!map)");
  }

  @Test
  void aRecursiveAliasIsRejected() {
    assertThat(errors("a: &a\n  b: *a\n"))
        .containsExactly("hostile.yaml:2:6 yaml: recursive alias *a");
  }

  @Test
  void anUndefinedAliasIsAYamlError() {
    assertThat(errors("a: *nope\n"))
        .containsExactly("hostile.yaml:1:4 yaml: found undefined alias nope");
  }

  @Test
  void anEmptyFileHoldsNoWorkflow() {
    assertThat(errors("# only a comment\n"))
        .containsExactly("hostile.yaml:1:1 yaml: the file holds no YAML document");
  }
}
