package dev.remedy.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Which matchers can key the index, and under which values or prefixes: {@code
 * matching/index-keys.tsv}.
 */
class IndexKeysTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvFileSource(
      resources = "/matching/index-keys.tsv",
      delimiterString = "\t",
      quoteCharacter = '\'')
  void keysAMatcherByTheValuesItAccepts(String matcher, String values)
      throws MatcherSyntaxException {
    List<String> expected = values.equals("-") ? List.of() : Arrays.asList(values.split(", "));

    List<String> keys =
        IndexKeys.of(Matchers.parseOne(matcher)).stream()
            .map(key -> key.value() + (key.prefix() ? "*" : ""))
            .toList();

    assertThat(keys).isEqualTo(expected);
  }
}
