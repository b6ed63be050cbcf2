package dev.remedy.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.remedy.adapter.files.FileAuditArchive;
import dev.remedy.audit.Actor;
import dev.remedy.audit.AuditChain;
import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
import dev.remedy.audit.AuditPruner;
import dev.remedy.audit.AuditRetention;
import dev.remedy.audit.AuditTrail;
import dev.remedy.audit.CheckpointSigner;
import dev.remedy.audit.Verification;
import dev.remedy.config.AuditSelfCheck;
import dev.remedy.testsupport.Api;
import dev.remedy.testsupport.Payloads;
import dev.remedy.testsupport.TestDatabase;
import dev.remedy.testsupport.Webhook;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The chain in the real database (H2 by default, PostgreSQL with {@code -Ppostgresql}): what ingest
 * appends, tampering found at the first bad event, an export checked by an independent
 * implementation (and by docs/audit-verify.py), and concurrent appends forming one chain.
 */
@QuarkusTest
class AuditLogTest {

  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  @Inject AgroalDataSource dataSource;
  @Inject AuditLog audit;
  @Inject AuditTrail trail;
  @Inject AuditPruner pruner;
  @Inject AuditSelfCheck selfCheck;
  @Inject AuditSealer sealer;
  @Inject TestDatabase database;
  @Inject AuditHeadLock headLock;
  @Inject jakarta.persistence.EntityManager entities;

  @Test
  void ingestAppendsItsEventsOncePerDeliveryAndTheChainVerifies() {
    String fp = "audit" + UUID.randomUUID().toString().substring(0, 8);
    String payload = Payloads.firing("{}:{audit=\"" + fp + "\"}", "audit-receiver", fp, fp + "-b");
    Webhook.post(payload).statusCode(202);
    Webhook.post(payload).statusCode(202);

    List<Map<String, Object>> stored =
        events("type", "alert.stored").stream()
            .filter(e -> e.get("body").toString().contains(fp))
            .toList();
    assertThat(stored).as("one event lists the delivery's new alert states").hasSize(1);
    assertThat(stored.get(0).get("body").toString())
        .contains("\"fingerprint\":\"" + fp + "\"", "\"fingerprint\":\"" + fp + "-b\"");
    assertThat(stored.get(0).get("actor")).isEqualTo("alertmanager:audit-receiver");
    long received =
        events("actor", "alertmanager:audit-receiver").stream()
            .filter(e -> e.get("type").equals("notification.received"))
            .filter(e -> e.get("body").toString().contains(fp))
            .count();
    assertThat(received).as("a re-delivery stores nothing and records nothing").isEqualTo(1);

    Api.asViewer().get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
  }

  /**
   * V7: H2 reserves staged ids 1,000 at a time (each time they run out it writes a chunk of the
   * whole store); PostgreSQL one at a time (its cache is per connection, and would hand ids out of
   * the order of their commits).
   */
  @Test
  void stagedIdsAreReservedAsTheDatabaseKindNeeds() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean h2 = c.getMetaData().getDatabaseProductName().equals("H2");
      String sql =
          h2
              ? "select identity_cache from information_schema.columns"
                  + " where table_name = 'AUDIT_STAGED' and column_name = 'ID'"
              : "select seqcache from pg_sequence"
                  + " where seqrelid = pg_get_serial_sequence('audit_staged', 'id')::regclass";
      try (PreparedStatement query = c.prepareStatement(sql);
          ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getLong(1)).isEqualTo(h2 ? 1000 : 1);
      }
    }
  }

  @Test
  void theSelfCheckExposesTheVerdictAndTheHeadAsMetrics() {
    append("self-check");
    Verification result = selfCheck.check();
    assertThat(result.valid()).isTrue();
    String metrics = io.restassured.RestAssured.get("/q/metrics").then().extract().asString();
    assertThat(metrics)
        .contains("remedy_audit_chain_valid 1.0")
        .contains("remedy_audit_chain_head_seq " + (double) result.headSeq());
  }

  @Test
  void tamperingIsReportedAtTheFirstBadEvent() throws SQLException {
    for (int i = 0; i < 6; i++) {
      append("tamper-" + i);
    }
    long head = verify().getLong("headSeq");
    long k = head - 3;

    String body = read(k, "body");
    update("update audit_event set body = ? where seq = ?", body.replace("tamper", "TAMPER"), k);
    assertThat(firstInvalid()).as("updated body").isEqualTo(k);
    update("update audit_event set body = ? where seq = ?", body, k);

    String actor = read(k, "actor");
    update("update audit_event set actor = ? where seq = ?", "user:mallory", k);
    assertThat(firstInvalid()).as("updated column").isEqualTo(k);
    update("update audit_event set actor = ? where seq = ?", actor, k);

    Map<String, Object> row = row(k);
    update("delete from audit_event where seq = ?", k);
    assertThat(firstInvalid()).as("deleted").isEqualTo(k);
    insert(row, k);

    long beyond = head + 1_000_000;
    Map<String, Object> copy = row(k);
    insert(copy, beyond);
    assertThat(firstInvalid()).as("inserted behind the head").isEqualTo(head + 1);
    update("delete from audit_event where seq = ?", beyond);

    update("update audit_event set seq = -1 where seq = ?", k);
    update("update audit_event set seq = ? where seq = ?", k, k + 1);
    update("update audit_event set seq = ? where seq = -1", k + 1);
    assertThat(firstInvalid()).as("two events swapped").isEqualTo(k);
    update("update audit_event set seq = -1 where seq = ?", k);
    update("update audit_event set seq = ? where seq = ?", k, k + 1);
    update("update audit_event set seq = ? where seq = -1", k + 1);

    assertThat(verify().getBoolean("valid")).as("restored").isTrue();
  }

  @Test
  void exportVerifiesWithAnIndependentImplementationAndTheDocumentedScript() throws Exception {
    append("export-a");
    append("export-b \"quoted\" é\n");
    String export =
        Api.asViewer()
            .get("/api/v1/audit/export")
            .then()
            .statusCode(200)
            .contentType("application/jsonl")
            .extract()
            .asString();
    List<String> lines = export.lines().toList();
    assertThat(lines).isNotEmpty();
    long expected = verify().getLong("fromSeq") + 1;
    String previous = chainCheck(lines, expected);

    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 present");
    assertThat(script(export)).startsWith("valid: " + lines.size() + " events").contains(previous);
  }

  /**
   * The independent check: Jackson re-canonicalizes each event (sorted keys, no spaces) and the JDK
   * hashes it; the first line's prevHash is taken as given unless it starts the chain.
   *
   * @return the last hash
   */
  private static String chainCheck(List<String> lines, long expected) throws Exception {
    String previous =
        expected == 1 ? "0".repeat(64) : CANONICAL.readTree(lines.get(0)).get("prevHash").asText();
    for (String line : lines) {
      JsonNode parsed = CANONICAL.readTree(line);
      assertThat(parsed.get("seq").asLong()).isEqualTo(expected);
      assertThat(parsed.get("prevHash").asText()).isEqualTo(previous);
      Object event =
          CANONICAL.convertValue(
              parsed.get("event"), new TypeReference<TreeMap<String, Object>>() {});
      String canonical = CANONICAL.writeValueAsString(event);
      String hash =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest((previous + canonical).getBytes(StandardCharsets.UTF_8)));
      assertThat(hash).as("seq %d", expected).isEqualTo(parsed.get("hash").asText());
      previous = hash;
      expected++;
    }
    return previous;
  }

  /** Runs docs/audit-verify.py on a JSON Lines text; answers what it printed (exit 0 asserted). */
  private static String script(String jsonLines, String... arguments) throws Exception {
    Path file = Files.createTempFile("audit", ".jsonl");
    Files.writeString(file, jsonLines);
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "docs/audit-verify.py"));
    command.addAll(List.of(arguments));
    Process script =
        new ProcessBuilder(command).redirectInput(file.toFile()).redirectErrorStream(true).start();
    String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(script.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void pruningArchivesBehindASignedCheckpointAndTheChainStillVerifies() throws Exception {
    for (int i = 0; i < 3; i++) {
      append("prune-" + i);
    }
    long fromBefore = verify().getLong("fromSeq");
    Path directory = Files.createTempDirectory("audit-archive");
    AuditRetention retention =
        new AuditRetention(
            trail,
            new FileAuditArchive(directory),
            pruner,
            new CheckpointSigner("test-checkpoint-key-0123456789"),
            Duration.ofMillis(1),
            1_000_000);
    // A pass "a second from now" with a retention of 1 ms: every event stored so far is older.
    AuditRetention.Pass pass = retention.prune(Instant.now().plusSeconds(1)).orElseThrow();
    assertThat(pass.firstSeq()).isEqualTo(fromBefore + 1);

    JsonPath after = verify();
    assertThat(after.getBoolean("valid")).isTrue();
    assertThat(after.getLong("fromSeq")).isEqualTo(pass.lastSeq());
    List<String> archived = Files.readAllLines(directory.resolve(pass.archive()));
    assertThat(archived).hasSize((int) pass.events());
    String archivedHead = chainCheck(archived, pass.firstSeq());
    assertThat(trail.checkpoint().orElseThrow().hash()).isEqualTo(archivedHead);
    assertThat(events("type", "audit.pruned").get(0).get("body").toString())
        .contains(pass.archive(), archivedHead);

    update(
        "update audit_checkpoint set signature = ? where seq = ?", "0".repeat(64), pass.lastSeq());
    JsonPath forged = verify();
    assertThat(forged.getBoolean("valid")).isFalse();
    assertThat(forged.getLong("firstInvalidSeq")).isEqualTo(pass.lastSeq());
    update(
        "update audit_checkpoint set signature = ? where seq = ?",
        new CheckpointSigner("test-checkpoint-key-0123456789").sign(pass.lastSeq(), archivedHead),
        pass.lastSeq());
    assertThat(verify().getBoolean("valid")).isTrue();

    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 present");
    assertThat(script(String.join("\n", archived) + "\n")).contains(archivedHead);
  }

  @Test
  void concurrentTransactionsFormOneValidChain() throws Exception {
    String prefix = "user:load-" + UUID.randomUUID().toString().substring(0, 6);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String actor = prefix + "-" + t;
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    QuarkusTransaction.requiringNew()
                        .run(
                            () ->
                                audit.append(
                                    new AuditEvent.WorkflowsMatched(
                                        new Actor(actor), "fp", List.of("w"), List.of())));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }
    // Appending stages; the sealer chains what is committed (here all of it, in one call).
    sealer.sealPending();
    try (Connection c = dataSource.getConnection();
        PreparedStatement count =
            c.prepareStatement("select count(*) from audit_event where actor like ?")) {
      count.setString(1, prefix + "-%");
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        assertThat(rows.getLong(1)).isEqualTo(4000);
      }
    }
    assertThat(verify().getBoolean("valid")).isTrue();
  }

  /**
   * Passes woken by a commit look only above the highest id sealed so far. A row that arrives below
   * it (its transaction took its id early and committed late, or another replica staged it) is
   * sealed by the passes that scan from the first id: the scheduled one, every second.
   */
  @Test
  void aStagedEventBelowWhatWasAlreadySealedIsStillSealedWithinSeconds() throws Exception {
    String before = "below-mark-before-" + UUID.randomUUID();
    append(before);
    awaitSealed(before, Duration.ofSeconds(10));
    String late = "below-mark-late-" + UUID.randomUUID();
    AuditChain.Staged staged =
        AuditChain.prepare(
                Instant.now(),
                new AuditEvent.WorkflowsMatched(
                    Actor.user("audit-test"), late, List.of(), List.of()))
            .staged();
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into audit_staged (id, at, type, actor, run_id, workflow, before_seq,"
                    + " after_seq) values (?, ?, ?, ?, null, null, ?, ?)")) {
      insert.setLong(1, -System.nanoTime() % 1_000_000_000L - 1);
      insert.setObject(2, java.time.OffsetDateTime.ofInstant(staged.at(), ZoneOffset.UTC));
      insert.setString(3, staged.type());
      insert.setString(4, staged.actor());
      insert.setString(5, staged.beforeSeq());
      insert.setString(6, staged.afterSeq());
      insert.executeUpdate();
    }
    String after = "below-mark-after-" + UUID.randomUUID();
    append(after); // wakes a pass above the mark: it must not be the only one
    awaitSealed(late, Duration.ofSeconds(10));
    awaitSealed(after, Duration.ofSeconds(10));
    await()
        .alias("every sealed row deleted from the staging table")
        .atMost(Duration.ofSeconds(10))
        .until(() -> database.count("audit_staged") == 0);
    assertThat(sealedCount(late)).as("sealed once, not again by a later pass").isEqualTo(1);
    assertThat(verify().getBoolean("valid")).isTrue();
  }

  /**
   * On PostgreSQL the sealer's batch query is made to walk the index ({@code enable_seqscan} off,
   * BENCHMARKS.md), and only that query: a pass that seals inside a caller's transaction (the head
   * lock's) leaves the caller's planner as it was.
   */
  @Test
  void sealingInsideACallersTransactionLeavesItsPlannerSettingsAsTheyWere() {
    append("planner-" + UUID.randomUUID());
    String seqscan =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  headLock.lock();
                  return String.valueOf(
                      entities
                          .createNativeQuery(postgresql() ? "show enable_seqscan" : "select 'on'")
                          .getSingleResult());
                });
    assertThat(seqscan).isEqualTo("on");
  }

  private static boolean postgresql() {
    return org.eclipse.microprofile.config.ConfigProvider.getConfig()
        .getValue("quarkus.datasource.db-kind", String.class)
        .startsWith("postgres");
  }

  /** Polls the chain itself (not through the API, whose reads seal first) for an event. */
  private void awaitSealed(String marker, Duration limit) {
    await()
        .alias(marker + " sealed")
        .atMost(limit)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> sealedCount(marker) == 1);
  }

  private long sealedCount(String marker) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement count =
            c.prepareStatement("select count(*) from audit_event where body like ?")) {
      count.setString(1, "%" + marker + "%");
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private void append(String marker) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                audit.append(
                    new AuditEvent.WorkflowsMatched(
                        Actor.user("audit-test"), marker, List.of(), List.of())));
  }

  private static List<Map<String, Object>> events(String filter, String value) {
    return Api.asViewer()
        .queryParam(filter, value)
        .queryParam("limit", "1000")
        .get("/api/v1/audit")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  private static JsonPath verify() {
    return Api.asViewer().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
  }

  private static long firstInvalid() {
    JsonPath result = verify();
    assertThat(result.getBoolean("valid")).isFalse();
    return result.getLong("firstInvalidSeq");
  }

  private String read(long seq, String column) throws SQLException {
    return row(seq).get(column).toString();
  }

  private Map<String, Object> row(long seq) throws SQLException {
    sealer.sealPending();
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement("select * from audit_event where seq = ?")) {
      select.setLong(1, seq);
      try (ResultSet rows = select.executeQuery()) {
        assertThat(rows.next()).isTrue();
        Map<String, Object> row = new TreeMap<>();
        for (String column :
            List.of("at", "type", "actor", "run_id", "workflow", "body", "prev_hash", "hash")) {
          Object value = rows.getObject(column);
          row.put(column, value == null ? "" : value);
        }
        row.put("at", rows.getObject("at", java.time.OffsetDateTime.class));
        return row;
      }
    }
  }

  private void insert(Map<String, Object> row, long seq) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into audit_event (seq, at, type, actor, run_id, workflow, body, prev_hash,"
                    + " hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, seq);
      insert.setObject(2, row.get("at"));
      insert.setString(3, row.get("type").toString());
      insert.setString(4, row.get("actor").toString());
      insert.setString(5, emptyAsNull(row.get("run_id")));
      insert.setString(6, emptyAsNull(row.get("workflow")));
      insert.setString(7, row.get("body").toString());
      insert.setString(8, row.get("prev_hash").toString());
      insert.setString(9, row.get("hash").toString());
      insert.executeUpdate();
    }
  }

  private static String emptyAsNull(Object value) {
    return value.toString().isEmpty() ? null : value.toString();
  }

  private void update(String sql, Object... parameters) throws SQLException {
    sealer.sealPending();
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }
}
