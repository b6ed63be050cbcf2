package dev.remedy.workflow.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations and "did you mean", as tables. */
class ScalarSyntaxTest {

  @ParameterizedTest
  @CsvSource({
    "0, PT0S",
    "500ms, PT0.5S",
    "30s, PT30S",
    "5m, PT5M",
    "1h30m, PT1H30M",
    "2d, PT48H",
    "1w, PT168H",
    "1y, PT8760H",
    "1h0m5s250ms, PT1H0M5.25S"
  })
  void prometheusDurationsParse(String text, String expected) {
    assertThat(Durations.parse(text)).contains(Duration.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({"''", "5", "5 m", "5min", "1m1h", "1.5h", "-5m", "5M", "1h 30m", "99999999999999y"})
  void otherDurationsDoNot(String text) {
    assertThat(Durations.parse(text).filter(d -> d.compareTo(Durations.MAX) <= 0)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "timout, timeout",
    "Timeout, timeout",
    "retries, ",
    "maxbackof, maxBackoff",
    "aprovers, approvers",
    "tagret, target",
    "wiht, with",
    "xyz, "
  })
  void suggestsAKeyOnlyWhenItIsClose(String typed, String suggestion) {
    List<String> keys =
        List.of(
            "id",
            "action",
            "approval",
            "target",
            "with",
            "timeout",
            "retry",
            "when",
            "maxBackoff",
            "approvers");
    assertThat(Suggestions.closest(typed, keys))
        .isEqualTo(java.util.Optional.ofNullable(suggestion));
  }
}
