package dev.remedy.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remedy.alert.Alert;
import dev.remedy.alert.AlertStatus;
import dev.remedy.alert.ConcurrentIngestException;
import dev.remedy.alert.Fingerprint;
import dev.remedy.alert.LabelSet;
import dev.remedy.run.Lease;
import dev.remedy.run.Phase;
import dev.remedy.run.Run;
import dev.remedy.run.RunHistory;
import dev.remedy.run.RunStatus;
import dev.remedy.run.RunStore;
import dev.remedy.run.StepExecution;
import dev.remedy.run.StepStatus;
import dev.remedy.testsupport.TestDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's hand-written statements ({@link EngineRows}) through the {@link RunStore} port, on
 * H2 and on PostgreSQL: claims that come back loaded, a run that goes on under its lease without
 * changing its wake-up time (so its row changes no indexed column), and, on H2, a claim that reads
 * no index entry of a finished run.
 *
 * <p>The runs here are due in 2100: the service's own engine, which claims with the real clock,
 * never takes them.
 */
@QuarkusTest
class EngineRowsTest {

  private static final Instant T0 = Instant.parse("2100-01-01T00:00:00.000001Z");
  private static final String DIGEST = "sha256:engine-rows-test";
  private static final Alert ALERT =
      new Alert(
          new Fingerprint("e0e0000000000001"),
          AlertStatus.FIRING,
          LabelSet.of(Map.of("alertname", "EngineRows", "namespace", "shop")),
          LabelSet.of(Map.of("summary", "rows")),
          Instant.parse("2026-12-05T10:00:00Z"),
          Optional.empty(),
          "http://prom/graph");

  @Inject RunStore store;
  @Inject TestDatabase database;
  @Inject AgroalDataSource dataSource;

  @BeforeEach
  void oneWorkflowVersion() {
    database.clear();
    database.execute("delete from workflow_version where digest = '" + DIGEST + "'");
    database.execute(
        "insert into workflow_version (digest, name, file, source, first_seen) values ('"
            + DIGEST
            + "', 'engine-rows', 'engine-rows.yaml', 'steps: []', current_timestamp)");
  }

  private String create(String id, Instant at) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                store.create(
                    Run.queued(
                        id,
                        "engine-rows",
                        DIGEST,
                        "shop/" + id,
                        ALERT,
                        Map.of("replicas", "3"),
                        false,
                        at)));
    return id;
  }

  @Test
  void aSecondActiveRunForTheSameKeyIsRefusedAsAConcurrentIngest() {
    create("rows-key-1", T0);
    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () ->
                            store.create(
                                Run.queued(
                                    "rows-key-2",
                                    "engine-rows",
                                    DIGEST,
                                    "shop/rows-key-1",
                                    ALERT,
                                    Map.of(),
                                    false,
                                    T0))))
        .isInstanceOf(ConcurrentIngestException.class);
    assertThat(database.count("run where id like 'rows-key-%'")).isEqualTo(1);
  }

  @Test
  void aClaimedRunComesAsStoredAndGoesOnUnderItsLeaseWithItsWakeUpUnchanged() {
    String id = create("rows-1", T0);
    Lease lease = new Lease("rows-replica-1", T0.plusSeconds(30));

    List<RunHistory> claimed = store.claim(lease, T0.plusMillis(1), 10, List.of());

    assertThat(claimed).hasSize(1);
    Run run = claimed.getFirst().run();
    assertThat(run.id()).isEqualTo(id);
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run.wakeAt()).contains(T0);
    assertThat(run.alert().labels().asMap()).containsEntry("alertname", "EngineRows");
    assertThat(run.params()).isEqualTo(Map.of("replicas", "3"));
    assertThat(claimed.getFirst().steps()).isEmpty();
    assertThat(claimed.getFirst()).isEqualTo(store.load(id).orElseThrow());

    Instant startedAt = T0.plusMillis(2);
    StepExecution attempt =
        StepExecution.started(
            id, "scale-up", Phase.STEPS, 1, "scale", startedAt, T0.plusSeconds(120), true, false);
    Lease renewed = lease.extendedTo(T0.plusSeconds(150));
    assertThat(
            store.start(
                run.withAttemptStarted(1, startedAt),
                List.of(),
                attempt,
                false,
                lease,
                renewed,
                List.of()))
        .isEqualTo(RunStore.Saved.SAVED);

    RunHistory stored = store.load(id).orElseThrow();
    assertThat(stored.run().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(stored.run().wakeAt())
        .as("the wake-up it was claimed at; the lease keeps others off it")
        .contains(T0);
    assertThat(stored.steps()).containsExactly(attempt);
    assertThat(
            store.claim(
                new Lease("rows-replica-2", T0.plusSeconds(400)),
                T0.plusSeconds(149),
                10,
                List.of(id)))
        .as("not while the renewed lease lasts")
        .isEmpty();

    List<RunHistory> takenOver =
        store.claim(
            new Lease("rows-replica-2", T0.plusSeconds(400)), T0.plusSeconds(151), 10, List.of());
    assertThat(takenOver).extracting(h -> h.run().id()).containsExactly(id);
    assertThat(takenOver.getFirst().openAttempt())
        .as("the attempt left started, to be run again under the same key")
        .contains(attempt);
    assertThat(takenOver.getFirst().openAttempt().orElseThrow().status())
        .isEqualTo(StepStatus.STARTED);
  }

  @Test
  void aClaimPrefersTheHintedRunsAndTakesNoMoreThanItsLimit() {
    create("rows-a", T0);
    create("rows-b", T0.plusMillis(1));
    create("rows-c", T0.plusMillis(2));

    List<RunHistory> claimed =
        store.claim(
            new Lease("rows-replica-1", T0.plusSeconds(30)),
            T0.plusSeconds(1),
            2,
            List.of("rows-c", "rows-missing"));

    assertThat(claimed).extracting(h -> h.run().id()).containsExactly("rows-c", "rows-a");
    assertThat(
            store.claim(
                new Lease("rows-replica-2", T0.plusSeconds(30)),
                T0.plusSeconds(1),
                5,
                List.of("rows-a", "rows-c")))
        .as("the two leased are skipped; the third is still due")
        .extracting(h -> h.run().id())
        .containsExactly("rows-b");
  }

  /**
   * H2 sorts nulls first, and every finished run has a null wake-up time: without the claim's lower
   * bound, each claim walked all of them in the index before the first due run (BENCHMARKS.md,
   * Alertmanager ingest). On PostgreSQL (nulls last) there is nothing to check.
   */
  @Test
  void onH2AClaimReadsNoIndexEntryOfAFinishedRun() throws SQLException {
    if (!"h2".equals(dbKind())) {
      return;
    }
    create("rows-due", T0);
    database.execute(
        "insert into run (id, workflow, workflow_digest, dedup_key, status, phase, step_index,"
            + " attempt, alert_fingerprint, alert_labels, alert_annotations, alert_starts_at,"
            + " alert_generator_url, params, outputs, dry_run, alert_resolved, cancel_requested,"
            + " created_at, finished_at, end_note)"
            + " select 'rows-done-' || x, 'engine-rows', '"
            + DIGEST
            + "', 'shop/done-' || x, 'succeeded', 'STEPS', 1, 1, 'e0e0000000000002', '{}', '{}',"
            + " current_timestamp, '', '{}', '{}', false, false, false, current_timestamp,"
            + " current_timestamp, 'all steps done' from system_range(1, 2000)");

    long scanned;
    try (Connection connection = dataSource.getConnection();
        Statement explain = connection.createStatement();
        ResultSet plan =
            explain.executeQuery(
                "explain analyze select id from run where wake_at >= timestamp with time zone"
                    + " '1970-01-01 00:00:00Z' and wake_at <= timestamp with time zone"
                    + " '2100-01-01 00:00:01Z' and (lease_until is null or lease_until <"
                    + " timestamp with time zone '2100-01-01 00:00:01Z') order by wake_at"
                    + " fetch first 64 rows only")) {
      plan.next();
      String text = plan.getString(1);
      assertThat(text).containsIgnoringCase("IX_RUN_WAKE");
      Matcher count = Pattern.compile("scanCount: (\\d+)").matcher(text);
      assertThat(count.find()).as("scan count in %s", text).isTrue();
      scanned = Long.parseLong(count.group(1));
    }
    assertThat(scanned).as("index entries read for one due run among 2,000 finished").isLessThan(5);

    assertThat(
            store.claim(
                new Lease("rows-replica-1", T0.plusSeconds(30)), T0.plusSeconds(1), 64, List.of()))
        .extracting(h -> h.run().id())
        .containsExactly("rows-due");
  }

  private static String dbKind() {
    return ConfigProvider.getConfig()
        .getOptionalValue("quarkus.datasource.db-kind", String.class)
        .orElse("h2");
  }
}
