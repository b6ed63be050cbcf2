package dev.remedy.matching;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * {@link SimpleRegex} gives the regex engine's (RE2/J's) answer, always, and covers the common
 * shapes.
 */
class SimpleRegexTest {

  private static final List<String> REGEX_PARTS =
      Stream.concat(
              Stream.of(
                  "a", "b", "ab", "Kube", "🙂", "-", "#", " ", "\n", ".", ".*", ".*", ".+", "|",
                  "|", "(", ")", "(?:", "\\.", "\\\\", "\\d", "*", "?", "$", "^", "[ab]"),
              // Go's reading of escaped punctuation, braces that are not repetitions, POSIX classes
              Stream.of("\\_", "\\|", "{", "}", "\\{", "\\ ", "[[:alpha:]]"))
          .toList();
  private static final List<String> VALUE_PARTS =
      List.of(
          "", "a", "b", "ab", "Kube", "🙂", "-", "#", " ", "\n", "\r", ".", "\\", "x", "_", "|",
          "{", "}", "1");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvFileSource(
      resources = "/matching/simple-regex.tsv",
      delimiterString = "\t",
      quoteCharacter = '\'')
  void recognisesTheCommonShapes(String regex, String expected) {
    String text = regex == null ? "" : regex.replace("<NL>", "\n");

    assertThat(rendered(SimpleRegex.parse(text))).isEqualTo(expected);
  }

  /** {@code [Kube].* | [Node]}: each literal in brackets, with its wildcards. */
  private static String rendered(SimpleRegex simple) {
    if (simple == null) {
      return "engine";
    }
    return simple.alternatives().stream()
        .map(
            a -> (a.anyBefore() ? ".*" : "") + "[" + a.literal() + "]" + (a.anyAfter() ? ".*" : ""))
        .collect(Collectors.joining(" | "));
  }

  @Test
  void agreesWithRe2jOnRandomRegexesAndValues() {
    Random random = new Random(20261127);
    int simpleOnes = 0;
    for (int i = 0; i < 30_000; i++) {
      String regex = join(random, REGEX_PARTS, 1 + random.nextInt(5));
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        continue;
      }
      SimpleRegex simple = SimpleRegex.parse(regex);
      if (simple == null) {
        continue;
      }
      simpleOnes++;
      for (int v = 0; v < 30; v++) {
        String value = join(random, VALUE_PARTS, random.nextInt(5));

        assertThat(simple.matches(value))
            .as("%s on %s", regex.replace("\n", "\\n"), value.replace("\n", "\\n"))
            .isEqualTo(pattern.matches(value));
      }
    }
    assertThat(simpleOnes).as("simple regexes tried").isGreaterThan(2_000);
  }

  private static String join(Random random, List<String> parts, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(parts.get(random.nextInt(parts.size())));
    }
    return text.toString();
  }
}
