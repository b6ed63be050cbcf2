package dev.remedy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retention settings start-up refuses or warns about. */
class RetentionStartupChecksTest {

  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  @Test
  void retentionIsOffOrAtLeastAnHour() {
    assertThat(StartupChecks.retentionRefusal(Duration.ZERO, TEN_MINUTES)).isEmpty();
    assertThat(StartupChecks.retentionRefusal(Duration.ofHours(1), TEN_MINUTES)).isEmpty();
    assertThat(StartupChecks.retentionRefusal(Duration.ofDays(30), TEN_MINUTES)).isEmpty();
    // "remedy.retention.alerts=30" is 30 seconds.
    assertThat(StartupChecks.retentionRefusal(Duration.ofSeconds(30), TEN_MINUTES))
        .hasValueSatisfying(refusal -> assertThat(refusal).contains("remedy.retention.alerts"));
    assertThat(StartupChecks.retentionRefusal(Duration.ofDays(-1), TEN_MINUTES)).isPresent();
  }

  @Test
  void theIntervalMustBePositive() {
    assertThat(StartupChecks.retentionRefusal(Duration.ofDays(30), Duration.ZERO))
        .hasValueSatisfying(refusal -> assertThat(refusal).contains("remedy.retention.interval"));
  }

  @Test
  void aRetentionShorterThanAlertmanagersLogRetentionIsWarnedAbout() {
    assertThat(StartupChecks.retentionWarning(Duration.ofDays(4))).isPresent();
    assertThat(StartupChecks.retentionWarning(Duration.ofDays(5))).isEmpty();
    assertThat(StartupChecks.retentionWarning(Duration.ofDays(30))).isEmpty();
    assertThat(StartupChecks.retentionWarning(Duration.ZERO)).isEmpty();
  }
}
