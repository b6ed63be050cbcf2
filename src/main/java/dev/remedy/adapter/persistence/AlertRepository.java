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
import org.hibernate.Session;

@ApplicationScoped
public class AlertRepository implements PanacheRepository<AlertEntity> {

  /**
   * The keys of {@code stateKeys} already stored; in chunks, however many there are. A list
   * parameter is bound with {@code setParameterList}: given to {@code setParameter}, Hibernate
   * first tries it as one value, and throws and catches an exception per call (seen in a profile of
   * the ingest committer).
   */
  Set<String> knownStateKeys(Collection<String> stateKeys) {
    Set<String> known = new HashSet<>();
    for (List<String> chunk : InLists.chunks(stateKeys)) {
      known.addAll(
          getEntityManager()
              .unwrap(Session.class)
              .createSelectionQuery(
                  "select a.stateKey from AlertEntity a where a.stateKey in :keys", String.class)
              .setParameterList("keys", chunk)
              .getResultList());
    }
    return known;
  }

  void touch(Collection<String> stateKeys, Instant notifiedAt) {
    for (List<String> chunk : InLists.chunks(stateKeys)) {
      getEntityManager()
          .unwrap(Session.class)
          .createMutationQuery(
              "update AlertEntity set lastNotifiedAt = :at where stateKey in :keys")
          .setParameter("at", notifiedAt)
          .setParameterList("keys", chunk)
          .executeUpdate();
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
