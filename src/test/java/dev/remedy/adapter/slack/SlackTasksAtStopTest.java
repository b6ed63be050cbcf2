package dev.remedy.adapter.slack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remedy.approval.ApprovalStore;
import dev.remedy.config.ServiceLifecycle;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * A delivery tick that began just before the service stopped meets a closed database session: that
 * is the stop, not a fault (GracefulStopIT saw it logged as an ERROR by the scheduler once).
 */
class SlackTasksAtStopTest {

  private final ServiceLifecycle lifecycle = new ServiceLifecycle();
  private final ApprovalStore closedStore =
      (ApprovalStore)
          Proxy.newProxyInstance(
              ApprovalStore.class.getClassLoader(),
              new Class<?>[] {ApprovalStore.class},
              (proxy, method, args) -> {
                throw new IllegalStateException("Session/EntityManager is closed");
              });
  private final SlackApprovalMessages messages =
      new SlackApprovalMessages(
          closedStore,
          null,
          null,
          null,
          URI.create("http://localhost:8080"),
          Clock.systemUTC(),
          lifecycle);

  @Test
  void aFailedTickIsAnErrorWhileTheServiceRuns() {
    assertThatThrownBy(messages::tick).hasMessageContaining("closed");
  }

  @Test
  void aTickThatFailsOnceTheServiceIsStoppingEndsQuietly() {
    lifecycle.onStop(null);

    assertThatCode(messages::tick).doesNotThrowAnyException();
  }
}
