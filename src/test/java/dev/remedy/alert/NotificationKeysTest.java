package dev.remedy.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The idempotency keys: what makes a re-sent alert or notification "the same". */
class NotificationKeysTest {

  private static final Instant STARTS = Instant.parse("2026-11-26T23:38:08.815460Z");

  @Test
  void stateKeyIgnoresAnnotationsButNotStatusOrStart() {
    Alert firing = alert("aaaa", AlertStatus.FIRING, STARTS, Map.of("summary", "3 restarts"));
    Alert laterReading = alert("aaaa", AlertStatus.FIRING, STARTS, Map.of("summary", "9 restarts"));
    Alert refired = alert("aaaa", AlertStatus.FIRING, STARTS.plusSeconds(600), Map.of());
    Alert resolved = alert("aaaa", AlertStatus.RESOLVED, STARTS, Map.of());

    assertThat(laterReading.stateKey()).isEqualTo(firing.stateKey());
    assertThat(refired.stateKey()).isNotEqualTo(firing.stateKey());
    assertThat(resolved.stateKey()).isNotEqualTo(firing.stateKey());
    assertThat(firing.stateKey().value()).hasSize(64).matches("[0-9a-f]+");
  }

  @Test
  void resolvedStateKeyIncludesEndsAt() {
    Alert one = resolved("aaaa", STARTS.plusSeconds(60));
    Alert other = resolved("aaaa", STARTS.plusSeconds(120));
    assertThat(one.stateKey()).isNotEqualTo(other.stateKey());
  }

  @Test
  void deliveryKeyDoesNotDependOnAlertOrder() {
    Alert a = alert("aaaa", AlertStatus.FIRING, STARTS, Map.of());
    Alert b = alert("bbbb", AlertStatus.FIRING, STARTS, Map.of());
    assertThat(notification(List.of(a, b)).deliveryKey())
        .isEqualTo(notification(List.of(b, a)).deliveryKey());
  }

  @Test
  void deliveryKeyChangesWithTheAlertsCarried() {
    Alert a = alert("aaaa", AlertStatus.FIRING, STARTS, Map.of());
    Alert b = alert("bbbb", AlertStatus.FIRING, STARTS, Map.of());
    assertThat(notification(List.of(a)).deliveryKey())
        .isNotEqualTo(notification(List.of(a, b)).deliveryKey());
  }

  @Test
  void absentLabelReadsAsEmpty() {
    assertThat(LabelSet.of(Map.of("a", "1")).get("b")).isEmpty();
  }

  @Test
  void cursorRoundTripsAndRejectsGarbage() {
    AlertCursor cursor = new AlertCursor(Instant.parse("2026-11-27T01:02:03.456789Z"), 42);
    assertThat(AlertCursor.decode(cursor.encode())).contains(cursor);
    assertThat(AlertCursor.decode("not-a-cursor")).isEmpty();
    assertThat(AlertCursor.decode("")).isEmpty();
  }

  private static Alert alert(
      String fingerprint, AlertStatus status, Instant startsAt, Map<String, String> annotations) {
    return new Alert(
        new Fingerprint(fingerprint),
        status,
        LabelSet.of(Map.of("alertname", "X")),
        LabelSet.of(annotations),
        startsAt,
        Optional.empty(),
        "");
  }

  private static Alert resolved(String fingerprint, Instant endsAt) {
    return new Alert(
        new Fingerprint(fingerprint),
        AlertStatus.RESOLVED,
        LabelSet.EMPTY,
        LabelSet.EMPTY,
        STARTS,
        Optional.of(endsAt),
        "");
  }

  private static Notification notification(List<Alert> alerts) {
    return new Notification(
        "remedy",
        AlertStatus.FIRING,
        "{}:{alertname=\"X\"}",
        LabelSet.EMPTY,
        LabelSet.EMPTY,
        LabelSet.EMPTY,
        "",
        0,
        alerts);
  }
}
