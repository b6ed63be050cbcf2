package dev.remedy.adapter.persistence;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.hibernate.query.NativeQuery;

/**
 * A plain SQL statement for the engine's hot writes (one per step or less). Hibernate translates an
 * HQL update anew on every execution, which was the largest single cost of a step (BENCHMARKS.md,
 * run engine); portable SQL with typed parameters (so a null binds as the column's type on
 * PostgreSQL too) skips that.
 */
final class NativeUpdate {

  private final NativeQuery<?> query;

  private NativeUpdate(NativeQuery<?> query) {
    this.query = query;
  }

  static NativeUpdate of(EntityManager em, String sql) {
    return new NativeUpdate(em.createNativeQuery(sql).unwrap(NativeQuery.class));
  }

  NativeUpdate text(String name, String value) {
    query.setParameter(name, value, String.class);
    return this;
  }

  NativeUpdate time(String name, Instant value) {
    query.setParameter(name, value, Instant.class);
    return this;
  }

  NativeUpdate bool(String name, Boolean value) {
    query.setParameter(name, value, Boolean.class);
    return this;
  }

  NativeUpdate number(String name, int value) {
    query.setParameter(name, value, Integer.class);
    return this;
  }

  int execute() {
    return query.executeUpdate();
  }
}
