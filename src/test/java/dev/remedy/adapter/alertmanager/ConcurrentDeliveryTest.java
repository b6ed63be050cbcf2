package dev.remedy.adapter.alertmanager;

import static dev.remedy.testsupport.Fixtures.FIRING_TWO_ALERTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.testsupport.Fixtures;
import dev.remedy.testsupport.TestDatabase;
import dev.remedy.testsupport.Webhook;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Alertmanager HA peers (or several remedy replicas) deliver the same notification at the same
 * moment: every delivery is accepted and every alert state is stored exactly once, held by the
 * unique keys in the database rather than by anything in memory.
 */
@QuarkusTest
class ConcurrentDeliveryTest {

  private static final int DELIVERIES = 8;

  @Inject TestDatabase database;

  @BeforeEach
  void emptyStore() {
    database.clear();
  }

  @RepeatedTest(5)
  void simultaneousDuplicatesStoreOneCopy() throws Exception {
    String firing = Fixtures.read(FIRING_TWO_ALERTS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(DELIVERIES);
    try {
      for (int i = 0; i < DELIVERIES; i++) {
        statuses.add(
            pool.submit(
                () -> {
                  start.await();
                  return Webhook.post(firing).extract().statusCode();
                }));
      }
      start.countDown();
      for (Future<Integer> status : statuses) {
        assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(202);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(database.count("notification")).isEqualTo(1);
    assertThat(database.count("alert")).isEqualTo(2);
  }
}
