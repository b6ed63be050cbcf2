package dev.remedy.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.alert.AlertIngest;
import dev.remedy.alert.Notification;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusMock;
import jakarta.enterprise.inject.Vetoed;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds the ingest committer at one "gate" notification, before its transaction begins, until the
 * test opens the gate: the test decides which notifications wait together and form the next batch.
 * Everything goes on to the real {@link AlertIngest}. Installed for one test method (QuarkusMock is
 * per test); a subclass only because QuarkusMock wants one, and vetoed so that it is no bean.
 */
@Vetoed
public final class CommitterGate extends AlertIngest {

  /** The group key of the notification that holds the committer. */
  public static final String GATE_GROUP = "{}:{gate=\"closed\"}";

  private final AlertIngest real;
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch opened = new CountDownLatch(1);

  private CommitterGate(AlertIngest real) {
    super(null, null, null, null, null, null);
    this.real = real;
  }

  /**
   * Replaces the ingest for this test and posts the gate notification; returns once the committer
   * is holding it.
   *
   * @return the gate, and the gate notification's own response
   */
  public static Closed close() throws InterruptedException {
    AlertIngest ingest = ClientProxy.unwrap(Arc.container().instance(AlertIngest.class).get());
    CommitterGate gate = new CommitterGate(ingest);
    QuarkusMock.installMockForType(gate, AlertIngest.class);
    CompletableFuture<Integer> gateResponse =
        CompletableFuture.supplyAsync(
            () ->
                Webhook.post(Payloads.firing(GATE_GROUP, "remedy", "9a7e000000000001"))
                    .extract()
                    .statusCode(),
            // Its own thread: the common pool may have a single one on a small machine.
            task -> Thread.ofPlatform().daemon().start(task));
    assertThat(gate.entered.await(30, TimeUnit.SECONDS)).as("committer reached the gate").isTrue();
    return new Closed(gate, gateResponse);
  }

  /** A closed gate and the response the gate notification will get. */
  public record Closed(CommitterGate gate, CompletableFuture<Integer> gateResponse) {

    /** Lets the committer go on: it then takes everything that queued up meanwhile. */
    public void open() {
      gate.opened.countDown();
    }
  }

  @Override
  public IngestResult ingest(Notification notification) {
    holdAt(List.of(notification));
    return real.ingest(notification);
  }

  @Override
  public List<IngestResult> ingestAll(List<Notification> notifications) {
    holdAt(notifications);
    return real.ingestAll(notifications);
  }

  private void holdAt(List<Notification> notifications) {
    if (notifications.stream().noneMatch(n -> n.groupKey().equals(GATE_GROUP))) {
      return;
    }
    entered.countDown();
    try {
      if (!opened.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the committer gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
