package dev.remedy.alert;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One Alertmanager webhook delivery: a group of alerts routed to one receiver.
 *
 * @param truncatedAlerts how many alerts Alertmanager left out because of the receiver's {@code
 *     max_alerts}; they never reach us
 */
public record Notification(
    String receiver,
    AlertStatus status,
    String groupKey,
    LabelSet groupLabels,
    LabelSet commonLabels,
    LabelSet commonAnnotations,
    String externalUrl,
    int truncatedAlerts,
    List<Alert> alerts) {

  public Notification {
    Objects.requireNonNull(status, "status");
    receiver = receiver == null ? "" : receiver;
    groupKey = groupKey == null ? "" : groupKey;
    externalUrl = externalUrl == null ? "" : externalUrl;
    alerts = List.copyOf(alerts);
  }

  /**
   * The identity of this delivery: the same group, receiver and status carrying the same alert
   * states. Another delivery of it (an HA peer, a retry after a lost 2xx, a {@code repeat_interval}
   * re-send with freshly templated annotations) has the same key.
   */
  public String deliveryKey() {
    String states =
        alerts.stream()
            .map(alert -> alert.stateKey().value())
            .sorted()
            .collect(Collectors.joining(","));
    return AlertStateKey.sha256Hex(
        String.join("\n", groupKey, receiver, status.wireName(), states));
  }
}
