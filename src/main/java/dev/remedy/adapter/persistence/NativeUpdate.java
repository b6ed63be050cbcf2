package dev.remedy.adapter.persistence;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.hibernate.query.NativeQuery;

/**
 * A plain SQL statement through Hibernate, with named, typed parameters (so a null binds as the
 * column's type on PostgreSQL too): for writes that are not worth an HQL update, which Hibernate
 * translates anew on every execution, nor hot enough for plain JDBC as the engine's own ({@link
 * EngineRows}), and whose failures should reach the caller as Hibernate's exceptions (a unique
 * violation recognised by kind).
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
