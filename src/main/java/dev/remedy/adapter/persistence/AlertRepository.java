package dev.remedy.adapter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads of stored alert states (ingest writes them in plain JDBC: {@link IngestRows}). */
@ApplicationScoped
public class AlertRepository implements PanacheRepository<AlertEntity> {

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
