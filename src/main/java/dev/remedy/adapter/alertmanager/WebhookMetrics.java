package dev.remedy.adapter.alertmanager;

import dev.remedy.alert.Alert;
import dev.remedy.alert.AlertStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counters of what reaches the Alertmanager webhook: {@code remedy_notifications_total{outcome}},
 * {@code remedy_alerts_received_total{status}} and {@code remedy_alerts_truncated_total}.
 */
@ApplicationScoped
public class WebhookMetrics {

  /** Why a notification ended the way it did; the {@code outcome} label. */
  public enum Outcome {
    ACCEPTED,
    DUPLICATE,
    UNAUTHORIZED,
    UNSUPPORTED_MEDIA_TYPE,
    TOO_LARGE,
    INVALID,
    STORE_UNAVAILABLE,
    BACKLOG_FULL,
    SHUTTING_DOWN;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Map<Outcome, Counter> notifications = new EnumMap<>(Outcome.class);
  private final Map<AlertStatus, Counter> alerts = new EnumMap<>(AlertStatus.class);
  private final Counter truncated;

  public WebhookMetrics(MeterRegistry registry) {
    for (Outcome outcome : Outcome.values()) {
      notifications.put(
          outcome,
          Counter.builder("remedy.notifications")
              .description("Alertmanager notifications by how they were handled")
              .tag("outcome", outcome.label())
              .register(registry));
    }
    for (AlertStatus status : AlertStatus.values()) {
      alerts.put(
          status,
          Counter.builder("remedy.alerts.received")
              .description("Alerts in accepted Alertmanager notifications, re-sends included")
              .tag("status", status.wireName())
              .register(registry));
    }
    truncated =
        Counter.builder("remedy.alerts.truncated")
            .description("Alerts Alertmanager left out of notifications (receiver max_alerts)")
            .register(registry);
  }

  void notification(Outcome outcome) {
    notifications.get(outcome).increment();
  }

  void accepted(List<Alert> received, int truncatedAlerts) {
    received.forEach(alert -> alerts.get(alert.status()).increment());
    if (truncatedAlerts > 0) {
      truncated.increment(truncatedAlerts);
    }
  }
}
