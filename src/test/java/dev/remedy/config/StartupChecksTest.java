package dev.remedy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Slack signing secrets start-up refuses. (The checks are tested as functions: an anonymous
 * implementation of a validated config mapping in the test sources breaks the Quarkus build.)
 */
class StartupChecksTest {

  @Test
  void slackSigningSecretsMayBeAbsentCurrentOrBoth() {
    assertThat(StartupChecks.slackSigningRefusal(Optional.empty(), Optional.empty())).isEmpty();
    assertThat(StartupChecks.slackSigningRefusal(Optional.of("new"), Optional.empty())).isEmpty();
    assertThat(StartupChecks.slackSigningRefusal(Optional.of("new"), Optional.of("old"))).isEmpty();
  }

  @Test
  void aPreviousSlackSecretWithoutACurrentOneStopsTheStart() {
    assertThat(StartupChecks.slackSigningRefusal(Optional.of(" "), Optional.of("old")))
        .hasValueSatisfying(
            refusal -> assertThat(refusal).contains("remedy.slack.signing-secret is not"));
  }

  @Test
  void auditRetentionNeedsACheckpointKeyAndAtLeastADay() {
    assertThat(StartupChecks.auditRetentionRefusal(Duration.ZERO, Optional.empty())).isEmpty();
    assertThat(
            StartupChecks.auditRetentionRefusal(
                Duration.ofDays(400), Optional.of("a-key-of-sixteen-chars")))
        .isEmpty();
    assertThat(StartupChecks.auditRetentionRefusal(Duration.ofDays(400), Optional.of("short")))
        .hasValueSatisfying(refusal -> assertThat(refusal).contains("checkpoint-key"));
    assertThat(
            StartupChecks.auditRetentionRefusal(
                Duration.ofHours(2), Optional.of("a-key-of-sixteen-chars")))
        .hasValueSatisfying(refusal -> assertThat(refusal).contains("at least 1 day"));
  }
}
