package dev.remedy.adapter.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.remedy.testsupport.Payloads;
import dev.remedy.testsupport.TestDatabase;
import dev.remedy.testsupport.Webhook;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A statement stuck on a lock is cancelled after {@code remedy.datasource.query-timeout-ms} and the
 * webhook answers 503 (Alertmanager retries) instead of holding the request for as long as the lock
 * is held. The lock: a second connection has inserted, and not committed, a notification with the
 * same delivery key, so the ingest's insert waits on the unique key. Both databases cancel that
 * wait at the statement timeout. (On H2 a wait to update a locked row ends at H2's own lock timeout
 * of 2 s instead, which the ingest retries as a conflict.)
 */
@QuarkusTest
@TestProfile(QueryTimeoutTest.ShortTimeout.class)
class QueryTimeoutTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  /**
   * A timeout of one second. On H2 also a database of its own: H2 reads its maximum query timeout
   * when the database is opened, and the in-memory database of the other tests stays open.
   */
  public static class ShortTimeout implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      String kind =
          ConfigProvider.getConfig()
              .getOptionalValue("quarkus.datasource.db-kind", String.class)
              .orElse("h2");
      Map<String, String> overrides = new HashMap<>();
      overrides.put("remedy.datasource.query-timeout-ms", String.valueOf(TIMEOUT.toMillis()));
      if (kind.equals("h2")) {
        overrides.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:query-timeout;DB_CLOSE_DELAY=-1");
      }
      return overrides;
    }
  }

  private static final String BODY =
      Payloads.firing("{}:{test=\"query-timeout\"}", "remedy", "71e0000000000001");

  @Inject TestDatabase database;
  @Inject AgroalDataSource dataSource;
  @Inject MeterRegistry registry;

  @BeforeEach
  void emptyStore() {
    database.clear();
  }

  @Test
  void ingestWaitingOnALockIsAnswered503AfterTheTimeoutAndStoredOnceTheLockIsGone()
      throws Exception {
    Webhook.post(BODY).statusCode(202);
    String deliveryKey = deliveryKey();
    database.clear();

    double unavailableBefore = storeUnavailable();
    ExtractableResponse<Response> stuck;
    long elapsedNanos;
    try (Connection holder = dataSource.getConnection()) {
      holder.setAutoCommit(false);
      insertNotification(holder, deliveryKey);
      long start = System.nanoTime();
      CompletableFuture<ExtractableResponse<Response>> answer =
          CompletableFuture.supplyAsync(
              () -> Webhook.post(BODY).extract(), task -> Thread.ofPlatform().daemon().start(task));
      try {
        // Without a timeout the request would wait until the lock is released below.
        stuck = answer.get(30, TimeUnit.SECONDS);
        elapsedNanos = System.nanoTime() - start;
      } finally {
        holder.rollback();
      }
    }

    assertThat(stuck.statusCode()).isEqualTo(503);
    assertThat(stuck.header("Retry-After")).isEqualTo("5");
    assertThat(stuck.jsonPath().getString("type"))
        .isEqualTo("urn:remedy:problem:store-unavailable");
    assertThat(Duration.ofNanos(elapsedNanos))
        .isGreaterThanOrEqualTo(TIMEOUT)
        .isLessThan(TIMEOUT.plusSeconds(8));
    assertThat(storeUnavailable()).isEqualTo(unavailableBefore + 1);

    Webhook.post(BODY)
        .statusCode(202)
        .body("duplicateDelivery", equalTo(false))
        .body("newAlertStates", equalTo(1));
    assertThat(database.count("notification")).isEqualTo(1);
  }

  private double storeUnavailable() {
    return registry.counter("remedy.notifications", "outcome", "store_unavailable").count();
  }

  private String deliveryKey() throws SQLException {
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.createStatement().executeQuery("select delivery_key from notification")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static void insertNotification(Connection c, String deliveryKey) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into notification (id, delivery_key, receiver, status, group_key,"
                + " group_labels, common_labels, common_annotations, external_url,"
                + " truncated_alerts, alert_count, received_at, last_received_at, deliveries)"
                + " values (?, ?, 'remedy', 'firing', 'held', '{}', '{}', '{}', '', 0, 1, ?, ?, 1)")) {
      Timestamp now = Timestamp.from(Instant.now());
      insert.setLong(1, 4_000_000_000L);
      insert.setString(2, deliveryKey);
      insert.setTimestamp(3, now);
      insert.setTimestamp(4, now);
      insert.executeUpdate();
    }
  }
}
