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
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * {@link AlertStore} in the database: deliveries stored by {@link BatchedStore} in plain JDBC
 * ({@link IngestRows}), alert states read through Hibernate ORM.
 */
@ApplicationScoped
public class PanacheAlertStore implements AlertStore {

  private final AlertRepository alerts;

  public PanacheAlertStore(AlertRepository alerts) {
    this.alerts = alerts;
  }

  /** One delivery is a batch of one: the same statements, rules and lock order. */
  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public StoreResult store(Notification notification, Instant receivedAt) {
    return storeAll(List.of(notification), receivedAt).get(0);
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
      IngestRows rows = new IngestRows(alerts.getEntityManager().unwrap(Session.class));
      return new BatchedStore(rows, receivedAt).store(batch);
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
