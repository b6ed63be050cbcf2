package dev.remedy.adapter.persistence;

import dev.remedy.alert.Alert;
import dev.remedy.alert.AlertCursor;
import dev.remedy.alert.AlertPage;
import dev.remedy.alert.AlertQuery;
import dev.remedy.alert.AlertStatus;
import dev.remedy.alert.AlertStore;
import dev.remedy.alert.ConcurrentIngestException;
import dev.remedy.alert.Fingerprint;
import dev.remedy.alert.LabelSet;
import dev.remedy.alert.Notification;
import dev.remedy.alert.StoreUnavailableException;
import dev.remedy.alert.StoredAlert;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@link AlertStore} on Hibernate ORM: select the keys already known, insert the rest, flush. */
@ApplicationScoped
public class PanacheAlertStore implements AlertStore {

  private final NotificationRepository notifications;
  private final AlertRepository alerts;

  public PanacheAlertStore(NotificationRepository notifications, AlertRepository alerts) {
    this.notifications = notifications;
    this.alerts = alerts;
  }

  /**
   * Lock order, the same in every transaction so that concurrent deliveries cannot deadlock each
   * other: the delivery row first (flushed at once, so concurrent copies of one delivery queue on
   * that single row), then new alert states in key order, then known states in key order.
   *
   * <p>Leaves nothing it wrote managed by the session: when many notifications share a transaction
   * (group commit), every flush would otherwise check every row stored before it again.
   */
  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public StoreResult store(Notification notification, Instant receivedAt) {
    String deliveryKey = notification.deliveryKey();
    SortedMap<String, Alert> byState = new TreeMap<>();
    notification.alerts().forEach(alert -> byState.putIfAbsent(alert.stateKey().value(), alert));
    try {
      Optional<Long> earlier = notifications.findIdByDeliveryKey(deliveryKey);
      if (earlier.isPresent()) {
        long id = earlier.get();
        notifications.countRedelivery(id, receivedAt);
        alerts.touch(byState.keySet(), receivedAt);
        return new StoreResult(id, true, List.of());
      }
      NotificationEntity stored = toEntity(notification, deliveryKey, receivedAt);
      notifications.persist(stored);
      notifications.flush();
      Set<String> known = byState.isEmpty() ? Set.of() : alerts.knownStateKeys(byState.keySet());
      List<AlertEntity> added = new ArrayList<>();
      List<Alert> newStates = new ArrayList<>();
      for (Map.Entry<String, Alert> entry : byState.entrySet()) {
        if (!known.contains(entry.getKey())) {
          newStates.add(entry.getValue());
          AlertEntity state =
              toEntity(entry.getKey(), entry.getValue(), notification, stored.id, receivedAt);
          alerts.persist(state);
          added.add(state);
        }
      }
      alerts.flush();
      EntityManager session = alerts.getEntityManager();
      session.detach(stored);
      added.forEach(session::detach);
      alerts.touch(new TreeSet<>(known), receivedAt);
      return new StoreResult(stored.id, false, newStates);
    } catch (PersistenceException e) {
      throw translated(e);
    }
  }

  /**
   * The batch in a constant number of statements, however many notifications it holds (see {@link
   * BatchedStore}): on one connection, a statement per notification would make the round trips, not
   * the commit, the limit of group commit.
   */
  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public List<StoreResult> storeAll(List<Notification> batch, Instant receivedAt) {
    try {
      return new BatchedStore(notifications, alerts, receivedAt).store(batch);
    } catch (PersistenceException e) {
      throw translated(e);
    }
  }

  static RuntimeException translated(PersistenceException e) {
    if (ConcurrencyConflicts.isConflict(e)) {
      return new ConcurrentIngestException(e);
    }
    if (ConnectionFailures.isConnectionFailure(e) || StatementTimeouts.isTimeout(e)) {
      return new StoreUnavailableException(e);
    }
    return e;
  }

  @Override
  public AlertPage find(AlertQuery query) {
    List<String> filters = new ArrayList<>();
    Parameters parameters = new Parameters();
    query
        .status()
        .ifPresent(
            status -> {
              filters.add("status = :status");
              parameters.and("status", status.wireName());
            });
    query
        .fingerprint()
        .ifPresent(
            fingerprint -> {
              filters.add("fingerprint = :fingerprint");
              parameters.and("fingerprint", fingerprint.value());
            });
    query
        .since()
        .ifPresent(
            since -> {
              filters.add("receivedAt >= :since");
              parameters.and("since", since);
            });
    query
        .after()
        .ifPresent(
            cursor -> {
              filters.add("(receivedAt < :afterAt or (receivedAt = :afterAt and id < :afterId))");
              parameters.and("afterAt", cursor.receivedAt()).and("afterId", cursor.id());
            });
    List<AlertEntity> rows = alerts.page(filters, parameters, query.limit() + 1);
    boolean more = rows.size() > query.limit();
    List<StoredAlert> items =
        rows.stream().limit(query.limit()).map(PanacheAlertStore::toStoredAlert).toList();
    Optional<AlertCursor> next =
        more ? Optional.of(items.get(items.size() - 1).cursor()) : Optional.empty();
    return new AlertPage(items, next);
  }

  static NotificationEntity toEntity(
      Notification notification, String deliveryKey, Instant receivedAt) {
    NotificationEntity entity = new NotificationEntity();
    entity.deliveryKey = deliveryKey;
    entity.receiver = notification.receiver();
    entity.status = notification.status().wireName();
    entity.groupKey = notification.groupKey();
    entity.groupLabels = new TreeMap<>(notification.groupLabels().asMap());
    entity.commonLabels = new TreeMap<>(notification.commonLabels().asMap());
    entity.commonAnnotations = new TreeMap<>(notification.commonAnnotations().asMap());
    entity.externalUrl = notification.externalUrl();
    entity.truncatedAlerts = notification.truncatedAlerts();
    entity.alertCount = notification.alerts().size();
    entity.receivedAt = receivedAt;
    entity.lastReceivedAt = receivedAt;
    entity.deliveries = 1;
    return entity;
  }

  static AlertEntity toEntity(
      String stateKey,
      Alert alert,
      Notification notification,
      long notificationId,
      Instant receivedAt) {
    AlertEntity entity = new AlertEntity();
    entity.stateKey = stateKey;
    entity.fingerprint = alert.fingerprint().value();
    entity.status = alert.status().wireName();
    entity.labels = new TreeMap<>(alert.labels().asMap());
    entity.annotations = new TreeMap<>(alert.annotations().asMap());
    entity.startsAt = alert.startsAt();
    entity.endsAt = alert.endsAt().orElse(null);
    entity.generatorUrl = alert.generatorUrl();
    entity.receiver = notification.receiver();
    entity.groupKey = notification.groupKey();
    entity.notificationId = notificationId;
    entity.receivedAt = receivedAt;
    entity.lastNotifiedAt = receivedAt;
    return entity;
  }

  private static StoredAlert toStoredAlert(AlertEntity row) {
    Alert alert =
        new Alert(
            new Fingerprint(row.fingerprint),
            AlertStatus.fromWireName(row.status).orElseThrow(),
            LabelSet.of(row.labels),
            LabelSet.of(row.annotations),
            row.startsAt,
            Optional.ofNullable(row.endsAt),
            row.generatorUrl);
    return new StoredAlert(
        row.id, alert, row.receiver, row.groupKey, row.receivedAt, row.lastNotifiedAt);
  }
}
