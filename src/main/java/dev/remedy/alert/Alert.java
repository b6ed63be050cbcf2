package dev.remedy.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert as Alertmanager reported it in a notification.
 *
 * @param endsAt empty while firing (Alertmanager sends the zero time {@code 0001-01-01T00:00:00Z})
 * @param generatorUrl link back to the rule's expression in Prometheus, may be empty
 */
public record Alert(
    Fingerprint fingerprint,
    AlertStatus status,
    LabelSet labels,
    LabelSet annotations,
    Instant startsAt,
    Optional<Instant> endsAt,
    String generatorUrl) {

  public Alert {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(annotations, "annotations");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    generatorUrl = generatorUrl == null ? "" : generatorUrl;
  }

  /** The state this alert is in: what makes a re-sent alert "the same" for idempotency. */
  public AlertStateKey stateKey() {
    return AlertStateKey.of(this);
  }
}
