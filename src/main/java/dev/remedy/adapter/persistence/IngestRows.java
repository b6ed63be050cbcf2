package dev.remedy.adapter.persistence;

import dev.remedy.alert.Alert;
import dev.remedy.alert.Notification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.SortedMap;
import org.hibernate.Session;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Inserts new {@code notification} and {@code alert} rows with plain JDBC batches on the session's
 * own connection, in the caller's transaction.
 *
 * <p>Written by hand rather than with {@code persist}: the rows are never read back or changed in
 * the transaction that writes them, so a managed entity per row (its snapshot, its insert action,
 * the flush's walk over the persistence context) is pure cost, and that cost was the ingest
 * committer's largest in a profile (BENCHMARKS.md, Alertmanager ingest). Ids come from the
 * entities' own Hibernate generators (pooled sequences), so rows written here and rows written by
 * Hibernate anywhere, by this version or an earlier one on another replica, never share an id.
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

  /** The deliveries first, then the states (their foreign key), each in the order given. */
  void insert(Collection<NewDelivery> deliveries, Collection<NewState> states, Instant receivedAt) {
    if (deliveries.isEmpty()) {
      return;
    }
    OffsetDateTime at = utc(receivedAt);
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
        insert.setString(6, json(notification.groupLabels().asMap()));
        insert.setString(7, json(notification.commonLabels().asMap()));
        insert.setString(8, json(notification.commonAnnotations().asMap()));
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
        insert.setString(5, json(alert.labels().asMap()));
        insert.setString(6, json(alert.annotations().asMap()));
        insert.setObject(7, utc(alert.startsAt()));
        if (alert.endsAt().isPresent()) {
          insert.setObject(8, utc(alert.endsAt().get()));
        } else {
          insert.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
        }
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

  private static String json(SortedMap<String, String> labels) {
    return LabelsJsonConverter.json(labels);
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
