package dev.remedy.config;

import dev.remedy.adapter.slack.SlackConfig;
import dev.remedy.audit.CheckpointSigner;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Refuses to start on configuration that cannot work, and warns about what is unsafe. */
@Singleton
public class StartupChecks {

  /** Anything shorter is a mistake, such as a number of seconds meant as days. */
  static final Duration MIN_RETENTION = Duration.ofHours(1);

  /**
   * Alertmanager's default {@code --data.retention}: it forgets a notification it sent after this
   * long and sends a still-firing group again, whatever its {@code repeat_interval}.
   */
  static final Duration ALERTMANAGER_LOG_RETENTION = Duration.ofDays(5);

  private final WebhookConfig webhook;
  private final SlackConfig slack;
  private final DatasourceConfig datasource;
  private final RetentionConfig retention;
  private final AuditConfig audit;
  private final MemorySize httpBodyLimit;
  private final Optional<String> uiSessionKey;

  public StartupChecks(
      WebhookConfig webhook,
      SlackConfig slack,
      DatasourceConfig datasource,
      RetentionConfig retention,
      AuditConfig audit,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize httpBodyLimit,
      @ConfigProperty(name = "quarkus.http.auth.session.encryption-key")
          Optional<String> uiSessionKey) {
    this.webhook = webhook;
    this.slack = slack;
    this.datasource = datasource;
    this.retention = retention;
    this.audit = audit;
    this.httpBodyLimit = httpBodyLimit;
    this.uiSessionKey = uiSessionKey;
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
    if (datasource.queryTimeoutMs() == 0) {
      Log.warn(
          "remedy.datasource.query-timeout-ms is 0: a statement stuck on a database lock holds"
              + " ingest, and Alertmanager's request, until the lock is released.");
    }
    if (uiSessionKey.isEmpty() || uiSessionKey.get().isBlank()) {
      // Quarkus's own warning about this prints the random key it makes: its category is raised
      // to ERROR in application.properties, and this says the same without the key.
      Log.warn(
          "quarkus.http.auth.session.encryption-key is not set: the web UI's sign-ins use a random"
              + " key of this process, so they end at a restart and do not carry over between"
              + " replicas. Set it (32+ random characters, the same on every replica).");
    }
    checkRetention();
    checkSlackSigning();
    auditRetentionRefusal(audit.retention(), audit.checkpointKey())
        .ifPresent(
            refusal -> {
              throw new IllegalStateException(refusal);
            });
  }

  /**
   * Why the audit retention settings cannot work, if they cannot: pruning needs the key that signs
   * its checkpoints, and a retention under a day is surely a unit mistake.
   */
  static Optional<String> auditRetentionRefusal(Duration retention, Optional<String> key) {
    if (retention.isZero()) {
      return Optional.empty();
    }
    if (retention.compareTo(Duration.ofDays(1)) < 0) {
      return Optional.of(
          "remedy.audit.retention is " + retention + ": it must be 0 (keep) or at least 1 day");
    }
    if (CheckpointSigner.of(key).isEmpty()) {
      return Optional.of(
          "remedy.audit.retention is set but remedy.audit.checkpoint-key is not (at least "
              + CheckpointSigner.MIN_KEY_LENGTH
              + " characters): pruning needs it to sign the checkpoint that verification starts"
              + " from");
    }
    return Optional.empty();
  }

  private void checkSlackSigning() {
    slackSigningRefusal(slack.signingSecret(), slack.signingSecretPrevious())
        .ifPresent(
            refusal -> {
              throw new IllegalStateException(refusal);
            });
    if (!isSet(slack.signingSecret())) {
      Log.warn(
          "remedy.slack.signing-secret is not set: Slack approval buttons are refused (503). Set"
              + " it to the signing secret of the Slack app to decide approvals from Slack.");
    }
  }

  /** Why the Slack signing secrets cannot work, if they cannot: a previous one alone. */
  static Optional<String> slackSigningRefusal(Optional<String> current, Optional<String> previous) {
    if (!isSet(current) && isSet(previous)) {
      return Optional.of(
          "remedy.slack.signing-secret-previous is set but remedy.slack.signing-secret is not:"
              + " set the current secret too (the previous one is only for a rotation)");
    }
    return Optional.empty();
  }

  private static boolean isSet(Optional<String> value) {
    return value.filter(v -> !v.isBlank()).isPresent();
  }

  private void checkRetention() {
    retentionRefusal(retention.alerts(), retention.interval())
        .ifPresent(
            refusal -> {
              throw new IllegalStateException(refusal);
            });
    retentionWarning(retention.alerts()).ifPresent(Log::warn);
  }

  /**
   * Why the retention settings cannot work, if they cannot. A retention shorter than the gap
   * between two sends of a firing alert deletes states that Alertmanager still sends, which then
   * count as new (docs/design/004); under an hour it is surely a mistake, such as seconds meant as
   * days.
   */
  static Optional<String> retentionRefusal(Duration alerts, Duration interval) {
    if (alerts.isNegative() || (!alerts.isZero() && alerts.compareTo(MIN_RETENTION) < 0)) {
      return Optional.of(
          "remedy.retention.alerts is "
              + alerts
              + ": it must be 0 (keep everything) or at least "
              + MIN_RETENTION
              + ", longer than any repeat_interval of your Alertmanager routes");
    }
    if (interval.isNegative() || interval.isZero()) {
      return Optional.of("remedy.retention.interval must be positive, is " + interval);
    }
    return Optional.empty();
  }

  /** A retention that may delete states Alertmanager still re-sends. */
  static Optional<String> retentionWarning(Duration alerts) {
    if (alerts.isZero() || alerts.compareTo(ALERTMANAGER_LOG_RETENTION) >= 0) {
      return Optional.empty();
    }
    return Optional.of(
        "remedy.retention.alerts is "
            + alerts
            + ": alert states Alertmanager has not sent for that long are deleted, and a later"
            + " re-send counts as new (new runs may start). Keep it longer than every"
            + " repeat_interval; Alertmanager re-sends a firing alert at least every "
            + ALERTMANAGER_LOG_RETENTION
            + " (its default --data.retention).");
  }
}
