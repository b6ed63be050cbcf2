package dev.remedy.config;

import dev.remedy.adapter.slack.SlackConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Refuses to start on configuration that cannot work, and warns about what is unsafe. */
@Singleton
public class StartupChecks {

  private final WebhookConfig webhook;
  private final SlackConfig slack;
  private final MemorySize httpBodyLimit;

  public StartupChecks(
      WebhookConfig webhook,
      SlackConfig slack,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize httpBodyLimit) {
    this.webhook = webhook;
    this.slack = slack;
    this.httpBodyLimit = httpBodyLimit;
  }

  void onStart(@Observes StartupEvent event) {
    if (webhook.maxBody().asLongValue() > httpBodyLimit.asLongValue()) {
      throw new IllegalStateException(
          "remedy.webhook.max-body ("
              + webhook.maxBody().asLongValue()
              + " bytes) is larger than quarkus.http.limits.max-body-size ("
              + httpBodyLimit.asLongValue()
              + " bytes): raise the latter too");
    }
    if (webhook.token().isEmpty() || webhook.token().get().isBlank()) {
      Log.warn(
          "remedy.webhook.token is not set: POST /webhooks/alertmanager accepts notifications"
              + " from anyone who can reach it. Set it and give Alertmanager the same secret.");
    }
    checkSlackSigning();
  }

  private void checkSlackSigning() {
    if (isSet(slack.signingSecret())) {
      return;
    }
    if (isSet(slack.signingSecretPrevious())) {
      throw new IllegalStateException(
          "remedy.slack.signing-secret-previous is set but remedy.slack.signing-secret is not:"
              + " set the current secret too (the previous one is only for a rotation)");
    }
    Log.warn(
        "remedy.slack.signing-secret is not set: Slack approval buttons are refused (503). Set it"
            + " to the signing secret of the Slack app to decide approvals from Slack.");
  }

  private static boolean isSet(Optional<String> value) {
    return value.filter(v -> !v.isBlank()).isPresent();
  }
}
