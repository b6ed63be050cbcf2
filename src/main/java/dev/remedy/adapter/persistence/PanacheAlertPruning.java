package dev.remedy.adapter.persistence;

import dev.remedy.alert.AlertPruning;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/**
 * {@link AlertPruning} in plain SQL that runs unchanged on H2 and PostgreSQL. Each batch is two
 * steps in one transaction: the next candidates, newest first from where the last batch stopped,
 * read through the {@code received_at} index (a row last seen before the cutoff was received before
 * it too); then a delete by id that repeats the condition, so a row notified again since, or
 * deleted by another replica, is left alone. Walking on from the last position, rather than
 * starting over, keeps old alert states that are still notified from being read again by every
 * batch. The ids go to the delete sorted, so two replicas deleting the same rows normally lock them
 * in the same order.
 */
@ApplicationScoped
public class PanacheAlertPruning implements AlertPruning {

  private static final String ALERT_CANDIDATES =
      """
      select id, received_at from alert
      where received_at <= :afterAt and (received_at < :afterAt or id < :afterId)
        and last_notified_at < :cutoff
      order by received_at desc, id desc""";

  private static final String DELETE_ALERTS =
      "delete from alert where id in (:ids) and last_notified_at < :cutoff";

  private static final String NOTIFICATION_CANDIDATES =
      """
      select id, received_at from notification
      where received_at <= :afterAt and (received_at < :afterAt or id < :afterId)
        and last_received_at < :cutoff
      order by received_at desc, id desc""";

  private static final String DELETE_NOTIFICATIONS =
      """
      delete from notification where id in (:ids) and last_received_at < :cutoff
        and not exists (select 1 from alert a where a.notification_id = notification.id)""";

  private final EntityManager em;

  public PanacheAlertPruning(EntityManager em) {
    this.em = em;
  }

  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Batch deleteAlertStates(Instant cutoff, int limit, Optional<Position> after) {
    return batch(ALERT_CANDIDATES, DELETE_ALERTS, cutoff, limit, after);
  }

  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Batch deleteNotifications(Instant cutoff, int limit, Optional<Position> after) {
    return batch(NOTIFICATION_CANDIDATES, DELETE_NOTIFICATIONS, cutoff, limit, after);
  }

  private Batch batch(
      String candidates, String delete, Instant cutoff, int limit, Optional<Position> after) {
    // Nothing received at or after the cutoff can have been last seen before it.
    Position from = after.orElse(new Position(cutoff, Long.MIN_VALUE));
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(candidates)
            .unwrap(NativeQuery.class)
            .addScalar("id", StandardBasicTypes.LONG)
            .addScalar("received_at", StandardBasicTypes.INSTANT)
            .setParameter("afterAt", from.receivedAt(), Instant.class)
            .setParameter("afterId", from.id(), Long.class)
            .setParameter("cutoff", cutoff, Instant.class)
            .setMaxResults(limit)
            .getResultList();
    if (rows.isEmpty()) {
      return new Batch(0, 0, Optional.empty());
    }
    List<Long> ids = rows.stream().map(row -> (Long) row[0]).sorted().toList();
    int deleted = 0;
    for (List<Long> chunk : InLists.chunks(ids)) {
      deleted +=
          em.createNativeQuery(delete)
              .unwrap(NativeQuery.class)
              .setParameterList("ids", chunk, Long.class)
              .setParameter("cutoff", cutoff, Instant.class)
              .executeUpdate();
    }
    Object[] last = rows.get(rows.size() - 1);
    Optional<Position> next =
        rows.size() < limit
            ? Optional.empty()
            : Optional.of(new Position((Instant) last[1], (Long) last[0]));
    return new Batch(rows.size(), deleted, next);
  }
}
