package dev.remedy.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.alert.Alert;
import dev.remedy.alert.AlertStatus;
import dev.remedy.alert.AlertStore;
import dev.remedy.alert.AlertStore.StoreResult;
import dev.remedy.alert.Fingerprint;
import dev.remedy.alert.LabelSet;
import dev.remedy.alert.Notification;
import dev.remedy.testsupport.TestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rows {@link IngestRows} writes by hand, read back through the Hibernate entities that map the
 * same columns: every field where it belongs, on H2 and on PostgreSQL; and its ids drawn from the
 * same pooled sequences as rows Hibernate persists (another replica on an earlier version).
 */
@QuarkusTest
class IngestRowsTest {

  private static final Instant RECEIVED = Instant.parse("2026-12-04T10:15:30.123456Z");

  @Inject AlertStore store;
  @Inject EntityManager entities;
  @Inject TestDatabase database;

  @BeforeEach
  void emptyTables() {
    database.clear();
  }

  @Test
  void everyColumnOfTheDeliveryAndItsAlertStatesIsWhereHibernateReadsIt() {
    Alert firing =
        alert("a100000000000001", AlertStatus.FIRING, Optional.empty(), "http://prom/graph?g0=1");
    Alert ending =
        alert(
            "a100000000000002",
            AlertStatus.FIRING,
            Optional.of(Instant.parse("2026-12-04T10:00:00.5Z")),
            "http://prom/graph?g0=2");
    Notification notification =
        new Notification(
            "rows-receiver",
            AlertStatus.FIRING,
            "{}:{alertname=\"RowsTest\"}",
            LabelSet.of(Map.of("alertname", "RowsTest")),
            LabelSet.of(Map.of("alertname", "RowsTest", "namespace", "shop")),
            LabelSet.of(Map.of("runbook", "https://runbooks/rows")),
            "http://alertmanager:9093",
            3,
            List.of(firing, ending));

    StoreResult stored =
        QuarkusTransaction.requiringNew().call(() -> store.store(notification, RECEIVED));

    assertThat(stored.duplicateDelivery()).isFalse();
    assertThat(stored.newStates()).containsExactly(firing, ending);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              NotificationEntity row =
                  entities.find(NotificationEntity.class, stored.notificationId());
              assertThat(row.deliveryKey).isEqualTo(notification.deliveryKey());
              assertThat(row.receiver).isEqualTo("rows-receiver");
              assertThat(row.status).isEqualTo("firing");
              assertThat(row.groupKey).isEqualTo("{}:{alertname=\"RowsTest\"}");
              assertThat(row.groupLabels).isEqualTo(Map.of("alertname", "RowsTest"));
              assertThat(row.commonLabels)
                  .isEqualTo(Map.of("alertname", "RowsTest", "namespace", "shop"));
              assertThat(row.commonAnnotations)
                  .isEqualTo(Map.of("runbook", "https://runbooks/rows"));
              assertThat(row.externalUrl).isEqualTo("http://alertmanager:9093");
              assertThat(row.truncatedAlerts).isEqualTo(3);
              assertThat(row.alertCount).isEqualTo(2);
              assertThat(row.receivedAt).isEqualTo(RECEIVED);
              assertThat(row.lastReceivedAt).isEqualTo(RECEIVED);
              assertThat(row.deliveries).isEqualTo(1);

              List<AlertEntity> states =
                  entities
                      .createQuery(
                          "from AlertEntity where notificationId = :id order by fingerprint",
                          AlertEntity.class)
                      .setParameter("id", stored.notificationId())
                      .getResultList();
              assertThat(states).hasSize(2);
              assertRow(states.get(0), firing);
              assertRow(states.get(1), ending);
              assertThat(states.get(0).id).isNotEqualTo(states.get(1).id);
            });
  }

  @Test
  void aSecondCopyInTheSameBatchIsCountedOnTheRowItShares() {
    Notification notification =
        notification("{}:{copies=\"two\"}", alert("a200000000000001", AlertStatus.FIRING));

    List<StoreResult> stored =
        QuarkusTransaction.requiringNew()
            .call(() -> store.storeAll(List.of(notification, notification), RECEIVED));

    assertThat(stored.get(1).notificationId()).isEqualTo(stored.get(0).notificationId());
    assertThat(stored.get(1).duplicateDelivery()).isTrue();
    int deliveries =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    entities.find(NotificationEntity.class, stored.get(0).notificationId())
                        .deliveries);
    assertThat(deliveries).isEqualTo(2);
  }

  @Test
  void aRedeliveryAndAKnownStateMoveTheirTimesOnAndStoreNothingNew() {
    Alert known = alert("a300000000000001", AlertStatus.FIRING);
    Notification first = notification("{}:{times=\"first\"}", known);
    Notification other =
        notification("{}:{times=\"other\"}", known, alert("a300000000000002", AlertStatus.FIRING));
    Instant later = RECEIVED.plusSeconds(60);
    Instant latest = RECEIVED.plusSeconds(120);

    long id =
        QuarkusTransaction.requiringNew().call(() -> store.store(first, RECEIVED)).notificationId();
    StoreResult again = QuarkusTransaction.requiringNew().call(() -> store.store(first, later));
    StoreResult sharing = QuarkusTransaction.requiringNew().call(() -> store.store(other, latest));

    assertThat(again.duplicateDelivery()).isTrue();
    assertThat(again.notificationId()).isEqualTo(id);
    assertThat(sharing.newStates())
        .extracting(a -> a.fingerprint().value())
        .containsExactly("a300000000000002");
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              NotificationEntity row = entities.find(NotificationEntity.class, id);
              assertThat(row.deliveries).isEqualTo(2);
              assertThat(row.receivedAt).isEqualTo(RECEIVED);
              assertThat(row.lastReceivedAt).isEqualTo(later);
              AlertEntity state =
                  entities
                      .createQuery("from AlertEntity where stateKey = :key", AlertEntity.class)
                      .setParameter("key", known.stateKey().value())
                      .getSingleResult();
              assertThat(state.notificationId).isEqualTo(id);
              assertThat(state.receivedAt).isEqualTo(RECEIVED);
              assertThat(state.lastNotifiedAt).isEqualTo(latest);
            });
  }

  @Test
  void rowsPersistedByHibernateAndRowsWrittenByHandNeverShareAnId() {
    long persisted =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  NotificationEntity row = new NotificationEntity();
                  row.deliveryKey = "persisted-by-hibernate-" + System.nanoTime();
                  row.receiver = "r";
                  row.status = "firing";
                  row.groupKey = "{}:{by=\"hibernate\"}";
                  row.groupLabels = new TreeMap<>();
                  row.commonLabels = new TreeMap<>();
                  row.commonAnnotations = new TreeMap<>();
                  row.externalUrl = "";
                  row.receivedAt = RECEIVED;
                  row.lastReceivedAt = RECEIVED;
                  row.deliveries = 1;
                  entities.persist(row);
                  entities.flush();
                  return row.id;
                });
    List<StoreResult> written =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    store.storeAll(
                        List.of(
                            notification("{}:{by=\"hand\", n=\"1\"}"),
                            notification("{}:{by=\"hand\", n=\"2\"}")),
                        RECEIVED));

    assertThat(written)
        .extracting(StoreResult::notificationId)
        .doesNotHaveDuplicates()
        .doesNotContain(persisted);
  }

  private static void assertRow(AlertEntity row, Alert alert) {
    assertThat(row.stateKey).isEqualTo(alert.stateKey().value());
    assertThat(row.fingerprint).isEqualTo(alert.fingerprint().value());
    assertThat(row.status).isEqualTo(alert.status().wireName());
    assertThat(row.labels).isEqualTo(alert.labels().asMap());
    assertThat(row.annotations).isEqualTo(alert.annotations().asMap());
    assertThat(row.startsAt).isEqualTo(alert.startsAt());
    assertThat(Optional.ofNullable(row.endsAt)).isEqualTo(alert.endsAt());
    assertThat(row.generatorUrl).isEqualTo(alert.generatorUrl());
    assertThat(row.receiver).isEqualTo("rows-receiver");
    assertThat(row.groupKey).isEqualTo("{}:{alertname=\"RowsTest\"}");
    assertThat(row.receivedAt).isEqualTo(RECEIVED);
    assertThat(row.lastNotifiedAt).isEqualTo(RECEIVED);
  }

  private static Notification notification(String groupKey, Alert... alerts) {
    return new Notification(
        "rows-receiver",
        AlertStatus.FIRING,
        groupKey,
        LabelSet.EMPTY,
        LabelSet.EMPTY,
        LabelSet.EMPTY,
        "",
        0,
        List.of(alerts));
  }

  private static Alert alert(String fingerprint, AlertStatus status) {
    return alert(fingerprint, status, Optional.empty(), "");
  }

  private static Alert alert(
      String fingerprint, AlertStatus status, Optional<Instant> endsAt, String generatorUrl) {
    return new Alert(
        new Fingerprint(fingerprint),
        status,
        LabelSet.of(Map.of("alertname", "RowsTest", "pod", "web-" + fingerprint)),
        LabelSet.of(Map.of("summary", "rows of " + fingerprint)),
        Instant.parse("2026-12-04T09:00:00.000001Z"),
        endsAt,
        generatorUrl);
  }
}
