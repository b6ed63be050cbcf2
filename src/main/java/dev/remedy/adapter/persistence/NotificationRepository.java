package dev.remedy.adapter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

@ApplicationScoped
public class NotificationRepository implements PanacheRepository<NotificationEntity> {

  /** Ids of the deliveries already stored, by delivery key. */
  Map<String, Long> idsByDeliveryKey(Collection<String> deliveryKeys) {
    Map<String, Long> ids = new HashMap<>();
    for (List<String> chunk : InLists.chunks(deliveryKeys)) {
      getEntityManager()
          .unwrap(Session.class)
          .createSelectionQuery(
              "select n.deliveryKey, n.id from NotificationEntity n where n.deliveryKey in :keys",
              Object[].class)
          .setParameterList("keys", chunk) // see AlertRepository.knownStateKeys
          .getResultList()
          .forEach(row -> ids.put((String) row[0], (Long) row[1]));
    }
    return ids;
  }

  void countRedeliveries(long id, int times, Instant receivedAt) {
    update(
        "deliveries = deliveries + ?1, lastReceivedAt = ?2 where id = ?3", times, receivedAt, id);
  }
}
