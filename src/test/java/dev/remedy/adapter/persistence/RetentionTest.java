package dev.remedy.adapter.persistence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.remedy.alert.AlertRetention;
import dev.remedy.config.RetentionRunner;
import dev.remedy.testsupport.Payloads;
import dev.remedy.testsupport.TestDatabase;
import dev.remedy.testsupport.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention on the real database: notifications stored through the webhook, some of them aged by
 * moving their timestamps back, then one pass of the retention bean (the default 30 days; batches
 * of 3 rows, smaller than what is deleted). What Alertmanager can still send stays and is still
 * recognised; what it stopped sending more than 30 days ago goes.
 */
@QuarkusTest
@TestProfile(RetentionTest.SmallBatches.class)
class RetentionTest {

  public static class SmallBatches implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("remedy.retention.batch-size", "3");
    }
  }

  private static final String RECEIVER = "remedy";
  private static final String OLD_GROUP = "{}:{test=\"old\"}";
  private static final String OTHER_GROUP = "{}:{test=\"other\"}";
  private static final String STILL_GROUP = "{}:{test=\"still-firing\"}";
  private static final String REF_GROUP = "{}:{test=\"referenced\"}";
  private static final String RECENT_GROUP = "{}:{test=\"recent\"}";

  private static final String OLD_1 = "0d00000000000001";
  private static final String OLD_2 = "0d00000000000002";
  private static final String STILL = "5f00000000000001";
  private static final String REF_1 = "7e00000000000001";
  private static final String REF_2 = "7e00000000000002";
  private static final String RECENT = "2900000000000001";

  private static final String OLD = Payloads.firing(OLD_GROUP, RECEIVER, OLD_1, OLD_2);
  private static final String STILL_FIRING = Payloads.firing(STILL_GROUP, RECEIVER, STILL);
  private static final String REF_FIRST = Payloads.firing(REF_GROUP, RECEIVER, REF_1);

  @Inject TestDatabase database;
  @Inject RetentionRunner retention;
  @Inject MeterRegistry registry;
  @Inject Scheduler scheduler;

  @BeforeEach
  void emptyStore() {
    database.clear();
  }

  @Test
  void deletesWhatAlertmanagerStoppedSendingAndKeepsWhatItCanStillSend() {
    Webhook.post(OLD).statusCode(202);
    // A new delivery whose only state is known already: no alert state refers to it.
    Webhook.post(Payloads.firing(OTHER_GROUP, RECEIVER, OLD_1)).statusCode(202);
    Webhook.post(STILL_FIRING).statusCode(202);
    Webhook.post(REF_FIRST).statusCode(202);
    // REF_1 comes again in a larger group: still notified, so its first notification stays.
    Webhook.post(Payloads.firing(REF_GROUP, RECEIVER, REF_1, REF_2)).statusCode(202);
    Webhook.post(Payloads.firing(RECENT_GROUP, RECEIVER, RECENT)).statusCode(202);

    String fortyDaysAgo = daysAgo(40);
    String twentyNineDaysAgo = daysAgo(29);
    // Last sent 40 days ago.
    age("alert", "fingerprint in ('" + OLD_1 + "', '" + OLD_2 + "')", fortyDaysAgo, true);
    age("notification", inGroups(OLD_GROUP, OTHER_GROUP), fortyDaysAgo, true);
    // First received 40 days ago and sent ever since (repeat_interval): only received_at moves.
    age("alert", "fingerprint in ('" + STILL + "', '" + REF_1 + "')", fortyDaysAgo, false);
    age("notification", inGroups(STILL_GROUP), fortyDaysAgo, false);
    // REF_1's first notification was last sent 40 days ago, but REF_1 refers to it.
    age("notification", inGroups(REF_GROUP) + " and alert_count = 1", fortyDaysAgo, true);
    // Within the 30 days.
    age("alert", "fingerprint = '" + RECENT + "'", twentyNineDaysAgo, true);
    age("notification", inGroups(RECENT_GROUP), twentyNineDaysAgo, true);
    double alertsBefore = deleted("alert");
    double notificationsBefore = deleted("notification");

    AlertRetention.Pass pass = retention.prune().orElseThrow();

    assertThat(pass.alertStates()).isEqualTo(2);
    assertThat(pass.notifications()).isEqualTo(2);
    assertThat(database.column("select fingerprint from alert order by fingerprint"))
        .containsExactly(RECENT, STILL, REF_1, REF_2);
    assertThat(
            database.column(
                "select group_key || ' ' || cast(alert_count as varchar(10)) from notification"
                    + " order by group_key, alert_count"))
        .containsExactly(
            RECENT_GROUP + " 1", REF_GROUP + " 1", REF_GROUP + " 2", STILL_GROUP + " 1");
    assertThat(deleted("alert")).isEqualTo(alertsBefore + 2);
    assertThat(deleted("notification")).isEqualTo(notificationsBefore + 2);
    given()
        .get("/q/metrics")
        .then()
        .body(containsString("remedy_retention_deleted_total{table=\"alert\"}"))
        .body(containsString("remedy_retention_deleted_total{table=\"notification\"}"));

    // What Alertmanager can still send is still recognised.
    Webhook.post(STILL_FIRING)
        .statusCode(202)
        .body("duplicateDelivery", equalTo(true))
        .body("newAlertStates", equalTo(0));
    Webhook.post(REF_FIRST)
        .statusCode(202)
        .body("duplicateDelivery", equalTo(true))
        .body("newAlertStates", equalTo(0));
    // What it stopped sending 40 days ago is new if it ever comes back.
    Webhook.post(OLD)
        .statusCode(202)
        .body("duplicateDelivery", equalTo(false))
        .body("newAlertStates", equalTo(2));
    assertThat(database.count("alert")).isEqualTo(6);
    assertThat(database.count("notification")).isEqualTo(5);
  }

  @Test
  void aBacklogLargerThanABatchIsDeletedOverSeveralBatches() {
    for (int i = 0; i < 7; i++) {
      Webhook.post(Payloads.firing("{}:{n=\"" + i + "\"}", RECEIVER, "ba7c00000000000" + i))
          .statusCode(202);
    }
    // All at the same instant, as the alerts of one group commit are: batches go on by id.
    String fortyDaysAgo = daysAgo(40);
    age("alert", "1 = 1", fortyDaysAgo, true);
    age("notification", "1 = 1", fortyDaysAgo, true);

    AlertRetention.Pass pass = retention.prune().orElseThrow();

    // 3 + 3 + 1 of each, one transaction per batch.
    assertThat(pass.alertStates()).isEqualTo(7);
    assertThat(pass.notifications()).isEqualTo(7);
    assertThat(pass.batches()).isEqualTo(6);
    assertThat(database.count("alert")).isZero();
    assertThat(database.count("notification")).isZero();

    AlertRetention.Pass again = retention.prune().orElseThrow();
    assertThat(again.deletedAny()).isFalse();
  }

  @Test
  void runsOnASchedule() {
    assertThat(scheduler.getScheduledJob("remedy-retention")).isNotNull();
  }

  private double deleted(String table) {
    return registry.counter("remedy.retention.deleted", "table", table).count();
  }

  /** Moves received_at (and the last-sent time too when {@code lastSent}) back to {@code at}. */
  private void age(String table, String where, String at, boolean lastSent) {
    String last = table.equals("alert") ? "last_notified_at" : "last_received_at";
    database.execute(
        "update "
            + table
            + " set received_at = "
            + at
            + (lastSent ? ", " + last + " = " + at : "")
            + " where "
            + where);
  }

  private static String inGroups(String... groupKeys) {
    return "group_key in ('" + String.join("', '", groupKeys) + "')";
  }

  private static final DateTimeFormatter SQL_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  /** A timestamp literal both databases read. */
  private static String daysAgo(int days) {
    return "timestamp with time zone '"
        + SQL_TIMESTAMP.format(Instant.now().minus(Duration.ofDays(days)))
        + "'";
  }
}
