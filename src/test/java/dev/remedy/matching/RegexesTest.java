package dev.remedy.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.re2j.Pattern;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Regexes}: Go's syntax and semantics through RE2/J, the reasons and positions of errors,
 * and the limits that keep a regex from expanding past what a service should allocate (the
 * conformance table covers the common cases through matchers).
 */
class RegexesTest {

  /** A safety net, not a benchmark: linear-time matching takes milliseconds here. */
  private static final Duration BOUND = Duration.ofSeconds(2);

  private static final String LONG_VALUE = "a".repeat(50_000) + "b";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '\t',
      quoteCharacter = '\'',
      textBlock =
          """
          (a+)+$
          (a+)+
          (a|aa)+
          (a|a?)+
          (.*a){25}
          (x+x+)+y
          ([a-z]+)*[0-9]
          """)
  void catastrophicBacktrackingPatternsMatchLongValuesInLinearTime(String regex) {
    Pattern pattern = Regexes.compile(regex);

    boolean matched = assertTimeoutPreemptively(BOUND, () -> pattern.matches(LONG_VALUE));

    assertThat(matched).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '\t',
      quoteCharacter = '\'',
      textBlock =
          """
          a(b	0	missing closing )
          x[ab	1	missing closing ]
          abc\\	3	trailing backslash at end of expression
          ab(?=c)	2	invalid or unsupported Perl syntax (?= (lookahead and lookbehind are not supported, as in Alertmanager)
          ab(?<=c)	2	invalid or unsupported Perl syntax (?<= (lookahead and lookbehind are not supported, as in Alertmanager)
          (a)b\\1	4	invalid escape sequence \\1 (backreferences are not supported, as in Alertmanager)
          ab**	2	invalid nested repetition operator **
          ab)	0	unexpected )
          ab{1001}	2	invalid repeat count {1001}
          [[:word:]][[:nope:]]	11	invalid character class range [:nope:]
          """)
  void errorsSayWhatAndWhereInGoWords(String regex, int index, String reason) {
    InvalidRegexException error =
        catchThrowableOfType(InvalidRegexException.class, () -> Regexes.compile(regex));

    assertThat(error.reason()).isEqualTo(reason);
    assertThat(error.index()).isEqualTo(index);
    assertThat(error.regex()).isEqualTo(regex);
    assertThat(error)
        .hasMessage("invalid regex " + MatcherFormat.quote(regex) + ": " + reason)
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nestedCountedRepetitionsMayMultiplyToAThousandAsInGo() {
    assertThat(Regexes.compile("((a{10}){10}){10}").matches("a".repeat(1000))).isTrue();
    assertThat(Regexes.compile("(a{0}){1000}|(b{2,}){500}").matches("b".repeat(1000))).isTrue();

    assertThat(reason("((a{10}){10}){11}")).isEqualTo("invalid repeat count {11}");
    assertThat(reason("(a{2,}){501}")).isEqualTo("invalid repeat count {501}");
    assertThat(reason("(?:[a-z]{1000}){2}")).isEqualTo("invalid repeat count {2}");
  }

  @Test
  void aRegexExpandingPastTheSizeLimitIsTooLarge() {
    String fits = "a{1000}".repeat(RegexLimits.MAX_SIZE / 1000);
    assertThat(Regexes.compile(fits).matches("a".repeat(RegexLimits.MAX_SIZE))).isTrue();

    assertThat(reason(fits + "b")).isEqualTo("expression too large");
    assertThat(reason("(?:\\Q" + "x".repeat(100) + "\\E){1000}b"))
        .isEqualTo("expression too large");
  }

  @Test
  void deepNestingCompilesUpToTheLimitAndIsRefusedBeyond() {
    int limit = RegexLimits.MAX_NESTING;
    String deepest = "(".repeat(limit) + "a" + ")?".repeat(limit);

    Pattern pattern = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> compile(deepest));
    assertThat(pattern.matches("a")).isTrue();
    assertThat(reason("(".repeat(limit + 1) + "a" + ")".repeat(limit + 1)))
        .isEqualTo("expression nests too deeply");
  }

  @Test
  void aRegexTooDeepForTheCallersStackIsCompiledOnALargerOne() throws Exception {
    String deep = "(a?".repeat(400) + ")*".repeat(400);
    Pattern[] compiled = new Pattern[1];
    Thread small = new Thread(null, () -> compiled[0] = Regexes.compile(deep), "small", 128 << 10);

    small.start();
    small.join();

    assertThat(compiled[0]).isNotNull();
    assertThat(compiled[0].matches("aaa")).isTrue();
  }

  @Test
  void theScanOfLimitsReadsClassesEscapesAndGroupsAsGoDoes() {
    // braces in classes, escapes, \Q…\E and group names are not repetitions
    assertThat(Regexes.compile("([{]{1000}|\\{1000}|\\x{41}{1000}|\\p{L}{1000})").matches("A"))
        .isFalse();
    assertThat(Regexes.compile("(?P<n>a{1000})(?<m>b{1000})(?i:c{1000})").pattern())
        .startsWith("(?P<n>");
    assertThat(Regexes.compile("\\Q(a{1000}\\E{1000}").matches("(a{1000" + "}".repeat(1000)))
        .isTrue();
    assertThat(Regexes.compile("[]a{]{1000}[^]]{1000}[[:alpha:]{]{1000}").pattern()).isNotEmpty();
  }

  private static Pattern compile(String regex) {
    return Regexes.compile(regex);
  }

  private static String reason(String regex) {
    InvalidRegexException error =
        catchThrowableOfType(InvalidRegexException.class, () -> Regexes.compile(regex));
    assertThat(error).as("an error for %s", regex).isNotNull();
    return error.reason();
  }
}
