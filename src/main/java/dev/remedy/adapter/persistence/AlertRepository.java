package dev.remedy.adapter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@ApplicationScoped
public class AlertRepository implements PanacheRepository<AlertEntity> {

  Set<String> knownStateKeys(Collection<String> stateKeys) {
    return new HashSet<>(
        getEntityManager()
            .createQuery(
                "select a.stateKey from AlertEntity a where a.stateKey in :keys", String.class)
            .setParameter("keys", stateKeys)
            .getResultList());
  }

  void touch(Collection<String> stateKeys, Instant notifiedAt) {
    if (!stateKeys.isEmpty()) {
      update(
          "lastNotifiedAt = :at where stateKey in :keys",
          Parameters.with("at", notifiedAt).and("keys", stateKeys));
    }
  }

  /**
   * Newest first, keyset-paged on (receivedAt, id).
   *
   * @param filters JPQL conditions over {@code AlertEntity} joined with {@code and}
   */
  List<AlertEntity> page(List<String> filters, Parameters parameters, int limit) {
    String where = filters.isEmpty() ? "1 = 1" : String.join(" and ", new ArrayList<>(filters));
    return find(where, Sort.descending("receivedAt", "id"), parameters).range(0, limit - 1).list();
  }
}
