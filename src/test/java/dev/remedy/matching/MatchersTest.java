package dev.remedy.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.remedy.alert.LabelSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The public API of {@link Matchers} and {@link Matcher}, beyond the conformance table. */
class MatchersTest {

  @Test
  void parseOneReturnsTheParts() throws MatcherSyntaxException {
    Matcher matcher = Matchers.parseOne("severity =~ \"critical|warning\"");

    assertThat(matcher.name()).isEqualTo("severity");
    assertThat(matcher.type()).isEqualTo(MatchType.REGEX);
    assertThat(matcher.value()).as("not anchored").isEqualTo("critical|warning");
    assertThat(matcher).hasToString("severity=~\"critical|warning\"");
  }

  @Test
  void valueIsUnquotedAndUnescaped() throws MatcherSyntaxException {
    Matcher matcher = Matchers.parseOne("msg=\"a\\\"b\\\\c\\nd\"");

    assertThat(matcher.value()).isEqualTo("a\"b\\c\nd");
    assertThat(matcher).hasToString("msg=\"a\\\"b\\\\c\\nd\"");
  }

  @Test
  void parseOneAcceptsBracesAroundOneMatcher() throws MatcherSyntaxException {
    assertThat(Matchers.parseOne("{alertname=\"X\",}")).hasToString("alertname=\"X\"");
  }

  @Test
  void parseOneRejectsSeveralMatchers() {
    MatcherSyntaxException error =
        catchThrowableOfType(MatcherSyntaxException.class, () -> Matchers.parseOne("a=b, c=d"));

    assertThat(error.getMessage()).isEqualTo("expected one matcher, found 2: {a=\"b\", c=\"d\"}");
    assertThat(error.index()).isZero();
    assertThat(error.column()).isEqualTo(1);
  }

  @Test
  void failingListsTheMatchersThatDoNotHoldInTheOrderWritten() throws MatcherSyntaxException {
    Matchers matchers =
        Matchers.parse(
            List.of("alertname=KubePodCrashLooping", "namespace=~\"prod-.*\"", "team!=\"\""));
    LabelSet alert =
        LabelSet.of(Map.of("alertname", "KubePodCrashLooping", "namespace", "staging"));

    assertThat(matchers.matches(alert)).isFalse();
    assertThat(matchers.failing(alert).stream().map(Matcher::toString))
        .containsExactly("namespace=~\"prod-.*\"", "team!=\"\"");
  }

  @Test
  void noMatchersMatchEveryAlert() {
    Matchers none = Matchers.of(List.of());

    assertThat(none.matches(LabelSet.EMPTY)).isTrue();
    assertThat(none.failing(LabelSet.EMPTY)).isEmpty();
    assertThat(none).hasToString("{}");
  }

  @Test
  void equalityIsByValue() throws MatcherSyntaxException {
    assertThat(Matchers.parse(List.of("a=b", "c=~d.*")))
        .isEqualTo(Matchers.parse(List.of("{ a = \"b\", c =~ \"d.*\" }")))
        .hasSameHashCodeAs(Matchers.parse(List.of("a=\"b\",c=~\"d.*\"")))
        .isNotEqualTo(Matchers.parse(List.of("c=~d.*", "a=b")));
    assertThat(Matcher.of("c", MatchType.REGEX, "d.*")).isEqualTo(Matchers.parseOne("c=~\"d.*\""));
  }

  @Test
  void isImmutable() throws MatcherSyntaxException {
    Matchers matchers = Matchers.parse(List.of("a=b"));

    assertThatThrownBy(() -> matchers.all().add(Matcher.of("c", MatchType.EQUAL, "d")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void matcherOfRejectsWhatTheParserRejects() {
    assertThatThrownBy(() -> Matcher.of("", MatchType.EQUAL, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label name must not be empty");
    assertThatThrownBy(() -> Matcher.of("job", MatchType.NOT_REGEX, "a(b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid regex \"a(b\": missing closing )");
  }

  @Test
  void matcherOfAcceptsAnyNameAndPrintsItQuotedWhenNeeded() {
    assertThat(Matcher.of("Service Name", MatchType.EQUAL, "api"))
        .hasToString("\"Service Name\"=\"api\"");
    assertThat(Matcher.of("1st", MatchType.NOT_EQUAL, "")).hasToString("\"1st\"!=\"\"");
  }

  @Test
  void canonicalFormParsesBackToAnEqualMatcher() throws MatcherSyntaxException {
    Random random = new Random(20261127);
    for (int i = 0; i < 5_000; i++) {
      Matcher matcher = RandomMatchers.anyMatcher(random);

      assertThat(Matchers.parseOne(matcher.toString())).as(matcher.toString()).isEqualTo(matcher);
    }
  }

  @Test
  void errorMessageCarriesNoPosition() {
    MatcherSyntaxException error =
        catchThrowableOfType(
            MatcherSyntaxException.class, () -> Matchers.parse(List.of("a=b", "c==d")));

    assertThat(error).hasMessage("unknown operator \"==\" (expected one of =, !=, =~, !~)");
    assertThat(error.index()).isEqualTo(1);
    assertThat(error.column()).isEqualTo(2);
  }
}
