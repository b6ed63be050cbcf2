package dev.remedy.adapter.alertmanager;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.remedy.alert.GroupCommit;
import dev.remedy.testsupport.CommitterGate;
import dev.remedy.testsupport.Payloads;
import dev.remedy.testsupport.TestDatabase;
import dev.remedy.testsupport.Webhook;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When more notifications wait for a commit than {@code remedy.ingest.queue-capacity} allows, the
 * next one is answered 503 with {@code Retry-After} at once (Alertmanager retries 5xx), instead of
 * queueing without bound; those already waiting are still stored.
 */
@QuarkusTest
@TestProfile(BacklogFullTest.TinyQueue.class)
class BacklogFullTest {

  /** Room for two waiting notifications. */
  public static class TinyQueue implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("remedy.ingest.queue-capacity", "2");
    }
  }

  @Inject TestDatabase database;
  @Inject GroupCommit groupCommit;

  private final ExecutorService senders = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopSenders() {
    senders.shutdownNow();
  }

  @Test
  void aFullBacklogIsAnswered503WithRetryAfterAndTheWaitingOnesAreStored() throws Exception {
    database.clear();
    CommitterGate.Closed gate = CommitterGate.close();
    List<CompletableFuture<Integer>> waiting =
        List.of(
            CompletableFuture.supplyAsync(() -> status(Payloads.firing("g1", "r", "f1")), senders),
            CompletableFuture.supplyAsync(() -> status(Payloads.firing("g2", "r", "f2")), senders));
    await().atMost(Duration.ofSeconds(30)).until(() -> groupCommit.backlog() == 2);

    Webhook.post(Payloads.firing("g3", "r", "f3"))
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", equalTo("1"))
        .body("type", equalTo("urn:remedy:problem:backlog-full"));
    gate.open();

    assertThat(gate.gateResponse().get(30, TimeUnit.SECONDS)).isEqualTo(202);
    for (CompletableFuture<Integer> status : waiting) {
      assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(202);
    }
    assertThat(database.count("notification")).isEqualTo(3); // the gate's, g1 and g2
    given()
        .get("/q/metrics")
        .then()
        .body(containsString("remedy_notifications_total{outcome=\"backlog_full\"} 1.0"));
  }

  private static int status(String body) {
    return Webhook.post(body).extract().statusCode();
  }
}
