package dev.remedy.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.remedy.alert.LabelSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parsing, canonical printing, error positions and matching semantics, one row of {@code
 * matching/conformance.tsv} per case (the file's header explains the columns).
 */
class MatcherConformanceTest {

  private static final String TABLE = "/matching/conformance.tsv";

  /** {@code <50000×a>}: 50,000 a's. */
  private static final Pattern REPEATED = Pattern.compile("<([0-9]+)×([^>]*)>");

  /**
   * Not a benchmark: a safety net so that a regex that backtracks fails the row instead of hanging
   * the build. Matching a 50,000-character value takes milliseconds.
   */
  private static final Duration MATCHING_BOUND = Duration.ofSeconds(2);

  @ParameterizedTest(name = "line {0}: {1}")
  @MethodSource("rows")
  void conformsToTheTable(int line, String input, String parsed, String labels, String matches) {
    List<String> strings = Arrays.asList(input.split("¦", -1));
    if (parsed.startsWith("error ")) {
      MatcherSyntaxException error =
          catchThrowableOfType(MatcherSyntaxException.class, () -> Matchers.parse(strings));
      assertThat(error).as("an error").isNotNull();
      assertThat(error.index() + ":" + error.column() + " " + error.getMessage())
          .isEqualTo(parsed.substring("error ".length()));
      return;
    }
    Matchers matchers = parse(strings);
    assertThat(matchers).hasToString(parsed);
    assertThat(parse(List.of(matchers.toString())))
        .as("canonical form parses back")
        .isEqualTo(matchers);
    LabelSet alert = labels(labels);
    boolean matched = assertTimeoutPreemptively(MATCHING_BOUND, () -> matchers.matches(alert));
    assertThat(matched).as("matches %s", abbreviated(alert)).isEqualTo(matches.equals("yes"));
    assertThat(matchers.failing(alert).isEmpty())
        .as("nothing failing")
        .isEqualTo(matches.equals("yes"));
  }

  static Stream<Arguments> rows() throws IOException {
    List<String> lines;
    try (InputStream in = MatcherConformanceTest.class.getResourceAsStream(TABLE)) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    return IntStream.range(0, lines.size())
        .filter(i -> !lines.get(i).isBlank() && !lines.get(i).startsWith("#"))
        .mapToObj(i -> row(i + 1, lines.get(i)));
  }

  private static Arguments row(int line, String text) {
    String[] columns = text.split("\t", -1);
    if (columns.length != 4) {
      throw new IllegalStateException(
          TABLE + ":" + line + ": expected 4 columns, found " + columns.length);
    }
    Object[] values = new Object[5];
    values[0] = line;
    for (int i = 0; i < 4; i++) {
      String column = columns[i].replace("<TAB>", "\t").replace("<NL>", "\n").replace("<CR>", "\r");
      values[i + 1] =
          REPEATED
              .matcher(column)
              .replaceAll(
                  m ->
                      java.util.regex.Matcher.quoteReplacement(
                          m.group(2).repeat(Integer.parseInt(m.group(1)))));
    }
    return Arguments.of(values);
  }

  private static String abbreviated(LabelSet alert) {
    String text = alert.toString();
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  static LabelSet labels(String column) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (!column.equals("-")) {
      for (String pair : column.split(";")) {
        int equals = pair.indexOf('=');
        labels.put(pair.substring(0, equals), pair.substring(equals + 1));
      }
    }
    return LabelSet.of(labels);
  }

  private static Matchers parse(List<String> strings) {
    try {
      return Matchers.parse(strings);
    } catch (MatcherSyntaxException e) {
      throw new AssertionError(e.index() + ":" + e.column() + " " + e.getMessage(), e);
    }
  }
}
