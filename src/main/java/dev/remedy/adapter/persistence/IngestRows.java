package dev.remedy.adapter.persistence;

import static dev.remedy.adapter.persistence.InLists.bind;
import static dev.remedy.adapter.persistence.InLists.placeholders;

import dev.remedy.alert.Alert;
import dev.remedy.alert.Notification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.hibernate.Session;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The ingest's statements on {@code notification} and {@code alert}, in plain JDBC on the session's
 * own connection, in the caller's transaction: the lookups of the keys already stored, the inserts
 * of new rows (JDBC batches) and the updates of known ones.
 *
 * <p>Written by hand rather than with entities and HQL: the rows are never read back or changed in
 * the transaction that writes them, so a managed entity per row (its snapshot, its insert action,
 * the flush's walk over the persistence context) is pure cost, and an HQL query with a list
 * parameter is translated to SQL again at every execution; both were the ingest committer's largest
 * costs in a profile (BENCHMARKS.md, Alertmanager ingest). Ids come from the entities' own
 * Hibernate generators (pooled sequences), so rows written here and rows written by Hibernate
 * anywhere, by this version or an earlier one on another replica, never share an id. The entities
 * still map the same columns for every read.
 */
final class IngestRows {

  private static final String NOTIFICATION =
      "insert into notification (id, delivery_key, receiver, status, group_key, group_labels,"
          + " common_labels, common_annotations, external_url, truncated_alerts, alert_count,"
          + " received_at, last_received_at, deliveries)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String ALERT =
      "insert into alert (id, state_key, fingerprint, status, labels, annotations, starts_at,"
          + " ends_at, generator_url, receiver, group_key, notification_id, received_at,"
          + " last_notified_at)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** A delivery to insert; later copies of it in the same batch count into {@code deliveries}. */
  static final class NewDelivery {
    final long id;
    final String deliveryKey;
    final Notification notification;
    int deliveries = 1;

    NewDelivery(long id, String deliveryKey, Notification notification) {
      this.id = id;
      this.deliveryKey = deliveryKey;
      this.notification = notification;
    }
  }

  /** An alert state to insert, stored by the delivery {@code from}. */
  record NewState(long id, String stateKey, Alert alert, NewDelivery from) {}

  private final SharedSessionContractImplementor session;
  private final BeforeExecutionGenerator notificationIds;
  private final BeforeExecutionGenerator alertIds;

  IngestRows(Session session) {
    this.session = session.unwrap(SharedSessionContractImplementor.class);
    var metamodel = this.session.getFactory().getMappingMetamodel();
    this.notificationIds = generator(metamodel.getEntityDescriptor(NotificationEntity.class));
    this.alertIds = generator(metamodel.getEntityDescriptor(AlertEntity.class));
  }

  private static BeforeExecutionGenerator generator(EntityPersister entity) {
    return (BeforeExecutionGenerator) entity.getGenerator();
  }

  long nextNotificationId() {
    return next(notificationIds);
  }

  long nextAlertId() {
    return next(alertIds);
  }

  private long next(BeforeExecutionGenerator ids) {
    return ((Number) ids.generate(session, null, null, EventType.INSERT)).longValue();
  }

  /** Ids of the deliveries already stored, by delivery key. */
  Map<String, Long> storedDeliveries(Collection<String> deliveryKeys) {
    Map<String, Long> ids = new HashMap<>();
    InLists.selectIn(
        session,
        "select delivery_key, id from notification where delivery_key",
        deliveryKeys,
        row -> ids.put(row.getString(1), row.getLong(2)));
    return ids;
  }

  /** The keys of {@code stateKeys} already stored. */
  Set<String> storedStates(Collection<String> stateKeys) {
    Set<String> known = new HashSet<>();
    InLists.selectIn(
        session,
        "select state_key from alert where state_key",
        stateKeys,
        row -> known.add(row.getString(1)));
    return known;
  }

  /** Counts further deliveries of stored notifications (id to how many more), in id order. */
  void countRedeliveries(SortedMap<Long, Integer> redeliveries, Instant receivedAt) {
    if (redeliveries.isEmpty()) {
      return;
    }
    OffsetDateTime at = SqlValues.utc(receivedAt);
    session.doWork(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "update notification set deliveries = deliveries + ?, last_received_at = ?"
                      + " where id = ?")) {
            for (Map.Entry<Long, Integer> redelivery : redeliveries.entrySet()) {
              update.setInt(1, redelivery.getValue());
              update.setObject(2, at);
              update.setLong(3, redelivery.getKey());
              update.addBatch();
            }
            update.executeBatch();
          }
        });
  }

  /** Moves the last-notified time of stored alert states on, in the order given. */
  void touch(Collection<String> stateKeys, Instant notifiedAt) {
    for (List<String> chunk : InLists.chunks(stateKeys)) {
      session.doWork(
          connection -> {
            try (PreparedStatement update =
                CustomPlans.prepare(
                    connection,
                    "update alert set last_notified_at = ? where state_key in ("
                        + placeholders(chunk.size())
                        + ")")) {
              update.setObject(1, SqlValues.utc(notifiedAt));
              bind(update, 2, chunk);
              update.executeUpdate();
            }
          });
    }
  }

  /** The deliveries first, then the states (their foreign key), each in the order given. */
  void insert(Collection<NewDelivery> deliveries, Collection<NewState> states, Instant receivedAt) {
    if (deliveries.isEmpty()) {
      return;
    }
    OffsetDateTime at = SqlValues.utc(receivedAt);
    session.doWork(
        connection -> {
          insertDeliveries(connection, deliveries, at);
          if (!states.isEmpty()) {
            insertStates(connection, states, at);
          }
        });
  }

  private static void insertDeliveries(
      Connection connection, Collection<NewDelivery> deliveries, OffsetDateTime at)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(NOTIFICATION)) {
      for (NewDelivery delivery : deliveries) {
        Notification notification = delivery.notification;
        insert.setLong(1, delivery.id);
        insert.setString(2, delivery.deliveryKey);
        insert.setString(3, notification.receiver());
        insert.setString(4, notification.status().wireName());
        insert.setString(5, notification.groupKey());
        insert.setString(6, LabelsJsonConverter.json(notification.groupLabels().asMap()));
        insert.setString(7, LabelsJsonConverter.json(notification.commonLabels().asMap()));
        insert.setString(8, LabelsJsonConverter.json(notification.commonAnnotations().asMap()));
        insert.setString(9, notification.externalUrl());
        insert.setInt(10, notification.truncatedAlerts());
        insert.setInt(11, notification.alerts().size());
        insert.setObject(12, at);
        insert.setObject(13, at);
        insert.setInt(14, delivery.deliveries);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void insertStates(
      Connection connection, Collection<NewState> states, OffsetDateTime at) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(ALERT)) {
      for (NewState state : states) {
        Alert alert = state.alert();
        Notification notification = state.from().notification;
        insert.setLong(1, state.id());
        insert.setString(2, state.stateKey());
        insert.setString(3, alert.fingerprint().value());
        insert.setString(4, alert.status().wireName());
        insert.setString(5, LabelsJsonConverter.json(alert.labels().asMap()));
        insert.setString(6, LabelsJsonConverter.json(alert.annotations().asMap()));
        insert.setObject(7, SqlValues.utc(alert.startsAt()));
        SqlValues.time(insert, 8, alert.endsAt().orElse(null));
        insert.setString(9, alert.generatorUrl());
        insert.setString(10, notification.receiver());
        insert.setString(11, notification.groupKey());
        insert.setLong(12, state.from().id);
        insert.setObject(13, at);
        insert.setObject(14, at);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
