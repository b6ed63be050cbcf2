package dev.remedy.testsupport;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PessimisticLockException;
import java.util.List;

/** Empties the tables between tests; the schema itself comes from the Flyway migrations. */
@ApplicationScoped
public class TestDatabase {

  private final EntityManager entityManager;

  public TestDatabase(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /**
   * Empties them. The service's engine may still be finishing a previous test's runs: a claim
   * leases several runs in one transaction, in another order than this delete takes their rows, so
   * PostgreSQL can find a deadlock between the two and abort one. If it aborts this one, it runs
   * again.
   */
  public void clear() {
    for (int attempt = 1; ; attempt++) {
      try {
        clearOnce();
        return;
      } catch (PessimisticLockException deadlock) {
        if (attempt == 5) {
          throw deadlock;
        }
      }
    }
  }

  private void clearOnce() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (String table :
                  new String[] {
                    "approval_vote", "approval", "step_execution", "guard_decision", "run"
                  }) {
                entityManager.createNativeQuery("delete from " + table).executeUpdate();
              }
              entityManager
                  .createNativeQuery(
                      "update automation_switch set enabled = true, dry_run = false,"
                          + " changed_by = 'test'")
                  .executeUpdate();
              entityManager.createNativeQuery("delete from alert").executeUpdate();
              entityManager.createNativeQuery("delete from notification").executeUpdate();
            });
  }

  /** Runs one statement (DDL of a test, say) in a transaction of its own. */
  public void execute(String sql) {
    QuarkusTransaction.requiringNew()
        .run(() -> entityManager.createNativeQuery(sql).executeUpdate());
  }

  /** The first column of every row of a query, as text. */
  public List<String> column(String sql) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                entityManager.createNativeQuery(sql).getResultList().stream()
                    .map(value -> String.valueOf(value instanceof Object[] row ? row[0] : value))
                    .toList());
  }

  public long count(String table) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery("select count(*) from " + table)
                            .getSingleResult())
                    .longValue());
  }
}
