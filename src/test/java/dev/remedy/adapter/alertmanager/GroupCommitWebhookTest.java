package dev.remedy.adapter.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.remedy.alert.GroupCommit;
import dev.remedy.testsupport.CommitterGate;
import dev.remedy.testsupport.Payloads;
import dev.remedy.testsupport.TestDatabase;
import dev.remedy.testsupport.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit through the real webhook and database: requests that wait together are stored in one
 * transaction, and each still gets the answer it would have had alone. {@link CommitterGate} holds
 * the committer so that the test decides what waits together.
 */
@QuarkusTest
class GroupCommitWebhookTest {

  @Inject TestDatabase database;
  @Inject GroupCommit groupCommit;
  @Inject MeterRegistry registry;
  @Inject EntityManager entityManager;

  private final ExecutorService senders = Executors.newFixedThreadPool(24);

  @BeforeEach
  void emptyStore() {
    database.clear();
  }

  @AfterEach
  void stopSenders() {
    senders.shutdownNow();
  }

  @Test
  void requestsWaitingTogetherShareOneTransactionAndEachGetsItsOwnAnswer() throws Exception {
    double batchesBefore = batches().count();
    double notificationsBefore = batches().totalAmount();
    CommitterGate.Closed gate = CommitterGate.close();
    List<CompletableFuture<ExtractableResponse<Response>>> responses = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String fingerprint = "%016x".formatted(0xb000 + i);
      responses.add(
          post(Payloads.firing("{}:{batch=\"" + i + "\"}", "remedy", fingerprint, "c0" + i)));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> groupCommit.backlog() == 20);

    gate.open();

    assertThat(gate.gateResponse().get(30, TimeUnit.SECONDS)).isEqualTo(202);
    Set<Long> ids = new HashSet<>();
    for (CompletableFuture<ExtractableResponse<Response>> response : responses) {
      ExtractableResponse<Response> answer = response.get(30, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).isEqualTo(202);
      assertThat(answer.jsonPath().getInt("alerts")).isEqualTo(2);
      assertThat(answer.jsonPath().getInt("newAlertStates")).isEqualTo(2);
      assertThat(answer.jsonPath().getBoolean("duplicateDelivery")).isFalse();
      ids.add(answer.jsonPath().getLong("notification"));
    }
    assertThat(ids).hasSize(20);
    // The gate notification alone, then the twenty that waited behind it, together.
    assertThat(batches().count() - batchesBefore).isEqualTo(2);
    assertThat(batches().totalAmount() - notificationsBefore).isEqualTo(21);
    assertThat(batches().max()).isGreaterThanOrEqualTo(20);
    assertThat(database.count("notification")).isEqualTo(21);
    assertThat(database.count("alert")).isEqualTo(41);
  }

  @Test
  void duplicatesInsideOneBatchAreAnsweredAsIfEachHadBeenStoredAlone() throws Exception {
    String storedBefore =
        Payloads.firing("{}:{dup=\"x\"}", "remedy", "d0000000000000a1", "d0000000000000a2");
    String twice =
        Payloads.firing("{}:{dup=\"y\"}", "remedy", "d0000000000000b1", "d0000000000000b2");
    String overlapping =
        Payloads.firing("{}:{dup=\"z\"}", "remedy", "d0000000000000b2", "d0000000000000c1");
    long earlierId =
        Webhook.post(storedBefore).statusCode(202).extract().jsonPath().getLong("notification");
    CommitterGate.Closed gate = CommitterGate.close();
    // One at a time into the queue, so the batch has a known order.
    List<CompletableFuture<ExtractableResponse<Response>>> answers = new ArrayList<>();
    for (String body : List.of(storedBefore, twice, twice, overlapping)) {
      int waiting = groupCommit.backlog();
      answers.add(post(body));
      await().atMost(Duration.ofSeconds(30)).until(() -> groupCommit.backlog() == waiting + 1);
    }

    gate.open();

    ExtractableResponse<Response> again = answers.get(0).get(30, TimeUnit.SECONDS);
    ExtractableResponse<Response> first = answers.get(1).get(30, TimeUnit.SECONDS);
    ExtractableResponse<Response> copy = answers.get(2).get(30, TimeUnit.SECONDS);
    ExtractableResponse<Response> third = answers.get(3).get(30, TimeUnit.SECONDS);
    assertAnswer(again, earlierId, 0, true);
    assertAnswer(first, first.jsonPath().getLong("notification"), 2, false);
    assertAnswer(copy, first.jsonPath().getLong("notification"), 0, true);
    assertAnswer(third, third.jsonPath().getLong("notification"), 1, false);
    assertThat(third.jsonPath().getLong("notification"))
        .isNotIn(earlierId, first.jsonPath().getLong("notification"));
    assertThat(database.count("notification")).isEqualTo(4); // the gate's, x, y and z
    assertThat(database.count("alert")).isEqualTo(6); // the gate's, a1, a2, b1, b2, c1
    assertThat(deliveriesOf("{}:{dup=\"x\"}")).isEqualTo(2);
    assertThat(deliveriesOf("{}:{dup=\"y\"}")).isEqualTo(2);
    assertThat(deliveriesOf("{}:{dup=\"z\"}")).isEqualTo(1);
  }

  private static void assertAnswer(
      ExtractableResponse<Response> answer, long notification, int newStates, boolean duplicate) {
    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(answer.jsonPath().getLong("notification")).isEqualTo(notification);
    assertThat(answer.jsonPath().getInt("newAlertStates")).isEqualTo(newStates);
    assertThat(answer.jsonPath().getBoolean("duplicateDelivery")).isEqualTo(duplicate);
  }

  @Test
  void oneNotificationTheDatabaseRefusesFailsAloneAndItsBatchIsStored() throws Exception {
    double fallbacksBefore = fallbacks();
    // The payload is valid, but this database refuses its receiver (a constraint of this test
    // only), and with it the batch transaction.
    database.execute(
        "alter table notification add constraint test_refused_receiver"
            + " check (receiver <> 'refused-by-the-database')");
    CommitterGate.Closed gate = CommitterGate.close();
    try {
      var before = post(Payloads.firing("{}:{n=\"before\"}", "remedy", "e000000000000001"));
      var refused =
          post(
              Payloads.firing("{}:{n=\"refused\"}", "refused-by-the-database", "e000000000000002"));
      var after = post(Payloads.firing("{}:{n=\"after\"}", "remedy", "e000000000000003"));
      await().atMost(Duration.ofSeconds(30)).until(() -> groupCommit.backlog() == 3);

      gate.open();

      ExtractableResponse<Response> refusedAnswer = refused.get(30, TimeUnit.SECONDS);
      assertThat(refusedAnswer.statusCode()).isEqualTo(503);
      assertThat(refusedAnswer.header("Retry-After")).isEqualTo("5");
      assertThat(refusedAnswer.jsonPath().getString("type"))
          .isEqualTo("urn:remedy:problem:store-unavailable");
      for (var stored : List.of(before, after)) {
        ExtractableResponse<Response> answer = stored.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.jsonPath().getInt("newAlertStates")).isEqualTo(1);
        assertThat(answer.jsonPath().getBoolean("duplicateDelivery")).isFalse();
      }
      assertThat(fallbacks() - fallbacksBefore).isEqualTo(1);
      assertThat(database.count("notification")).isEqualTo(3); // the gate's, before and after
      assertThat(database.count("alert")).isEqualTo(3);
    } finally {
      gate.open(); // a failed assertion must not leave the committer held for the next tests
      database.execute("alter table notification drop constraint test_refused_receiver");
    }
  }

  private CompletableFuture<ExtractableResponse<Response>> post(String body) {
    return CompletableFuture.supplyAsync(() -> Webhook.post(body).extract(), senders);
  }

  private io.micrometer.core.instrument.DistributionSummary batches() {
    return registry.get("remedy.ingest.batch.size").summary();
  }

  private double fallbacks() {
    return registry.get("remedy.ingest.batch.fallbacks").tag("cause", "failure").counter().count();
  }

  private long deliveriesOf(String groupKey) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery(
                                "select deliveries from notification where group_key = :key")
                            .setParameter("key", groupKey)
                            .getSingleResult())
                    .longValue());
  }
}
