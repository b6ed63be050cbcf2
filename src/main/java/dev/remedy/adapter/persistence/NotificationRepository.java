package dev.remedy.adapter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

@ApplicationScoped
public class NotificationRepository implements PanacheRepository<NotificationEntity> {

  Optional<NotificationEntity> findByDeliveryKey(String deliveryKey) {
    return find("deliveryKey", deliveryKey).firstResultOptional();
  }

  void countRedelivery(long id, Instant receivedAt) {
    update("deliveries = deliveries + 1, lastReceivedAt = ?1 where id = ?2", receivedAt, id);
  }
}
