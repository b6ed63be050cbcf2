package dev.remedy.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remedy.adapter.slack.SlackConfig;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartupChecksTest {

  private static final MemorySize FOUR_MIB = new MemorySize(BigInteger.valueOf(4L << 20));

  private static StartupChecks checks(Optional<String> secret, Optional<String> previous) {
    WebhookConfig webhook =
        new WebhookConfig() {
          @Override
          public Optional<String> token() {
            return Optional.of("t");
          }

          @Override
          public MemorySize maxBody() {
            return new MemorySize(BigInteger.valueOf(1L << 20));
          }
        };
    SlackConfig slack =
        new SlackConfig() {
          @Override
          public Optional<String> botToken() {
            return Optional.empty();
          }

          @Override
          public URI apiUrl() {
            return URI.create("https://slack.com/api");
          }

          @Override
          public Optional<String> channel() {
            return Optional.empty();
          }

          @Override
          public Optional<String> signingSecret() {
            return secret;
          }

          @Override
          public Optional<String> signingSecretPrevious() {
            return previous;
          }

          @Override
          public Optional<String> teamId() {
            return Optional.empty();
          }

          @Override
          public java.time.Duration deliveryInterval() {
            return java.time.Duration.ofSeconds(2);
          }
        };
    DatasourceConfig datasource =
        new DatasourceConfig() {
          @Override
          public int queryTimeoutMs() {
            return 10_000;
          }

          @Override
          public java.util.Map<String, String> defaultUrl() {
            return java.util.Map.of();
          }
        };
    RetentionConfig retention =
        new RetentionConfig() {
          @Override
          public java.time.Duration alerts() {
            return java.time.Duration.ofDays(30);
          }

          @Override
          public java.time.Duration interval() {
            return java.time.Duration.ofMinutes(10);
          }

          @Override
          public int batchSize() {
            return 1000;
          }
        };
    return new StartupChecks(webhook, slack, datasource, retention, FOUR_MIB);
  }

  @Test
  void slackSigningSecretsMayBeAbsentCurrentOrBoth() {
    assertThatCode(() -> checks(Optional.empty(), Optional.empty()).onStart(null))
        .doesNotThrowAnyException();
    assertThatCode(() -> checks(Optional.of("new"), Optional.empty()).onStart(null))
        .doesNotThrowAnyException();
    assertThatCode(() -> checks(Optional.of("new"), Optional.of("old")).onStart(null))
        .doesNotThrowAnyException();
  }

  @Test
  void aPreviousSlackSecretWithoutACurrentOneStopsTheStart() {
    assertThatThrownBy(() -> checks(Optional.of(" "), Optional.of("old")).onStart(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("remedy.slack.signing-secret");
  }
}
