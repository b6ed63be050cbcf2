package dev.remedy.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.Session;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, the engine's statements by key run on a cached generic plan, and the statements
 * with an in-list or a range are never prepared on the server, so each execution is planned for its
 * values ({@link CustomPlans}). Read from {@code pg_prepared_statements}, the server's own list of
 * what the connection has prepared and how each was planned. H2 has no plan cache to check.
 */
@QuarkusTest
class StatementPlansTest {

  /**
   * Enough for the driver to prepare on the server (5) and the server to try a generic plan (5).
   */
  private static final int EXECUTIONS = 12;

  private static final List<String> PLANNED_EACH_TIME =
      List.of(
          "select delivery_key, id from notification where delivery_key in (",
          "select state_key from alert where state_key in (",
          "update alert set last_notified_at = $1 where state_key in (",
          "select id, workflow, workflow_digest, status, lease_owner from run where id in (",
          "select id, workflow, workflow_digest, dedup_key,",
          "select id, run_id, step_id,",
          "select id from run where wake_at >=",
          "delete from audit_staged where id in (");

  @Inject EntityManager em;

  /** A statement the connection has prepared on the server, and how its executions were planned. */
  record Prepared(String statement, long genericPlans, long customPlans) {}

  @Test
  void statementsByKeyKeepAGenericPlanAndListsAndRangesArePlannedForTheirValues() {
    assumeTrue(
        "postgresql"
            .equals(
                ConfigProvider.getConfig().getValue("quarkus.datasource.db-kind", String.class)),
        "PostgreSQL's plan cache");
    List<Prepared> prepared =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  EngineRows engine = new EngineRows(em);
                  IngestRows ingest = new IngestRows(em.unwrap(Session.class));
                  Instant at = Instant.parse("2100-01-01T00:00:00Z");
                  for (int i = 0; i < EXECUTIONS; i++) {
                    engine.release("statement-plans-" + i, "nobody");
                    engine.due(at, 10);
                    engine.histories(List.of("statement-plans-" + i, "statement-plans-x"));
                    ingest.storedStates(List.of("plans-" + i, "plans-x"));
                  }
                  return serverPrepared();
                });

    assertThat(prepared)
        .filteredOn(p -> p.statement().startsWith("update run set lease_owner = null"))
        .singleElement()
        .satisfies(p -> assertThat(p.genericPlans()).as("generic plans used").isPositive());
    // The ingest's, the engine's and the sealer's statements with a list of values or a range:
    // earlier tests on this connection may have run them more than five times too.
    assertThat(prepared)
        .extracting(Prepared::statement)
        .noneMatch(sql -> PLANNED_EACH_TIME.stream().anyMatch(sql::startsWith));
  }

  private List<Prepared> serverPrepared() {
    return em.unwrap(SharedSessionContractImplementor.class)
        .doReturningWork(
            connection -> {
              List<Prepared> found = new ArrayList<>();
              try (PreparedStatement query =
                      connection.prepareStatement(
                          "select statement, generic_plans, custom_plans"
                              + " from pg_prepared_statements");
                  ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                  found.add(new Prepared(rows.getString(1), rows.getLong(2), rows.getLong(3)));
                }
              }
              return found;
            });
  }
}
