package dev.remedy.adapter.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remedy.cluster.WorkloadRef;
import dev.remedy.run.FailureReason;
import dev.remedy.run.StepFailedException;
import dev.remedy.workflow.TargetKind;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The named circuit breaker {@code kubernetes-api} on the transport: repeated 5xx open it, then
 * steps fail fast as retryable {@code unavailable} without a request reaching the API server;
 * answers from a healthy server (404) do not count against it.
 */
@QuarkusTest
@TestProfile(KubernetesCircuitBreakerTest.SmallBreaker.class)
@WithKubernetesTestServer
class KubernetesCircuitBreakerTest {

  /** A breaker that opens after 4 operations, and stays open for the test. */
  public static class SmallBreaker implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "remedy.kubernetes.api.breaker-request-volume", "4",
          "remedy.kubernetes.api.breaker-failure-ratio", "0.75",
          "remedy.kubernetes.api.breaker-delay", "1h",
          "remedy.engine.workers", "1");
    }
  }

  private static final String BROKEN = "/apis/apps/v1/namespaces/shop/deployments/broken";
  private static final String MISSING = "/apis/apps/v1/namespaces/shop/deployments/missing";

  @KubernetesTestServer KubernetesServer server;
  @Inject Fabric8ClusterOperations cluster;
  @Inject CircuitBreakerMaintenance breakers;

  private StepFailedException rolloutFails(String name) {
    try {
      cluster.rollout(new WorkloadRef(TargetKind.DEPLOYMENT, "shop", name));
    } catch (StepFailedException e) {
      return e;
    }
    throw new AssertionError("the rollout read should have failed");
  }

  @Test
  void repeatedServerErrorsOpenTheBreakerAndLaterCallsFailFast() {
    server
        .expect()
        .get()
        .withPath(BROKEN)
        .andReturn(
            503, new StatusBuilder().withCode(503).withMessage("etcd is unavailable").build())
        .always();
    server
        .expect()
        .get()
        .withPath(MISSING)
        .andReturn(404, new StatusBuilder().withCode(404).withMessage("not found").build())
        .always();

    assertThat(rolloutFails("missing").failure().reason()).isEqualTo(FailureReason.NOT_FOUND);
    for (int i = 0; i < 3; i++) {
      StepFailedException e = rolloutFails("broken");
      assertThat(e.failure().reason()).isEqualTo(FailureReason.UNAVAILABLE);
      assertThat(e.failure().message()).contains("HTTP 503");
    }
    assertThat(breakers.currentState(KubernetesTransport.BREAKER))
        .isEqualTo(CircuitBreakerState.OPEN);

    int before = server.getKubernetesMockServer().getRequestCount();
    assertThatThrownBy(
            () -> cluster.rollout(new WorkloadRef(TargetKind.DEPLOYMENT, "shop", "missing")))
        .isInstanceOfSatisfying(
            StepFailedException.class,
            e -> {
              assertThat(e.failure().reason()).isEqualTo(FailureReason.UNAVAILABLE);
              assertThat(e.failure().retryable()).isTrue();
              assertThat(e.failure().message()).contains("circuit breaker kubernetes-api is open");
            });
    assertThat(server.getKubernetesMockServer().getRequestCount()).isEqualTo(before);

    breakers.reset(KubernetesTransport.BREAKER);
    assertThat(rolloutFails("missing").failure().reason()).isEqualTo(FailureReason.NOT_FOUND);
  }
}
