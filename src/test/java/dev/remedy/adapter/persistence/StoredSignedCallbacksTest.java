package dev.remedy.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Replay protection on the database: first come first served, across connections. */
@QuarkusTest
class StoredSignedCallbacksTest {

  @Inject StoredSignedCallbacks callbacks;

  private static String signature() {
    return "v0=" + UUID.randomUUID().toString().replace("-", "").repeat(2);
  }

  @Test
  void aSignatureIsFirstSeenOnce() {
    String signature = signature();
    Instant now = Instant.now();
    assertThat(callbacks.firstSeen(signature, now)).isTrue();
    assertThat(callbacks.firstSeen(signature, now)).isFalse();
    assertThat(callbacks.firstSeen(signature, now.plusSeconds(1))).isFalse();
    assertThat(callbacks.firstSeen(signature(), now)).isTrue();
  }

  @Test
  void concurrentReceiversAgreeOnWhoSawItFirst() throws Exception {
    String signature = signature();
    Instant now = Instant.now();
    int receivers = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(receivers)) {
      for (int i = 0; i < receivers; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return callbacks.firstSeen(signature, now);
                }));
      }
      start.countDown();
      int first = 0;
      for (Future<Boolean> answer : answers) {
        first += answer.get() ? 1 : 0;
      }
      assertThat(first).isEqualTo(1);
    }
  }

  @Test
  void onlyOldSignaturesAreForgotten() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String old = signature();
    String recent = signature();
    callbacks.firstSeen(old, now.minus(Duration.ofMinutes(11)));
    callbacks.firstSeen(recent, now.minus(Duration.ofMinutes(9)));
    assertThat(callbacks.forgetBefore(now.minus(Duration.ofMinutes(10)))).isGreaterThanOrEqualTo(1);
    assertThat(callbacks.firstSeen(old, now)).isTrue();
    assertThat(callbacks.firstSeen(recent, now)).isFalse();
  }
}
