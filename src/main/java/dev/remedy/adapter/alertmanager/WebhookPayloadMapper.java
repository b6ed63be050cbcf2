package dev.remedy.adapter.alertmanager;

import dev.remedy.alert.Alert;
import dev.remedy.alert.AlertStatus;
import dev.remedy.alert.Fingerprint;
import dev.remedy.alert.LabelSet;
import dev.remedy.alert.Notification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps a validated {@link WebhookPayloadV4} to the domain's {@link Notification}. Timestamps are
 * cut to microseconds, the precision both databases keep, so that an alert state's key and its
 * stored times agree.
 */
final class WebhookPayloadMapper {

  /**
   * Go's zero {@code time.Time}, which Alertmanager sends as the {@code endsAt} of a firing alert.
   */
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private WebhookPayloadMapper() {}

  static Notification toNotification(WebhookPayloadV4 payload) {
    return new Notification(
        payload.receiver(),
        status(payload.status()),
        payload.groupKey(),
        LabelSet.of(payload.groupLabels()),
        LabelSet.of(payload.commonLabels()),
        LabelSet.of(payload.commonAnnotations()),
        payload.externalURL(),
        Objects.requireNonNullElse(payload.truncatedAlerts(), 0),
        payload.alerts().stream().map(WebhookPayloadMapper::toAlert).toList());
  }

  private static Alert toAlert(WebhookPayloadV4.AlertV4 alert) {
    return new Alert(
        new Fingerprint(alert.fingerprint()),
        status(alert.status()),
        LabelSet.of(alert.labels()),
        LabelSet.of(alert.annotations()),
        alert.startsAt().truncatedTo(ChronoUnit.MICROS),
        Optional.ofNullable(alert.endsAt())
            .filter(endsAt -> endsAt.isAfter(GO_ZERO_TIME))
            .map(endsAt -> endsAt.truncatedTo(ChronoUnit.MICROS)),
        alert.generatorURL());
  }

  private static AlertStatus status(String wireName) {
    return AlertStatus.fromWireName(wireName)
        .orElseThrow(() -> new IllegalArgumentException("validated status " + wireName));
  }
}
