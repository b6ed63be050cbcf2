package dev.remedy.adapter.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.ClusterOperations.ScaleRequest;
import dev.remedy.cluster.WorkloadRef;
import dev.remedy.run.FailureReason;
import dev.remedy.run.IdempotencyKey;
import dev.remedy.run.StepFailedException;
import dev.remedy.run.StepFailure;
import dev.remedy.workflow.ScaleChange;
import dev.remedy.workflow.TargetKind;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of API server answer, from the mock server in expectations mode, classified once:
 * 403/404/422 permanent, 409 re-read then {@code conflict}, 429/5xx {@code unavailable}, no answer
 * in time {@code timeout}.
 */
@EnableKubernetesMockClient
class KubernetesFailureClassificationTest {

  private static final String WEB = "/apis/apps/v1/namespaces/shop/deployments/web";
  private static final WorkloadRef TARGET = new WorkloadRef(TargetKind.DEPLOYMENT, "shop", "web");

  KubernetesMockServer server;
  KubernetesClient client;

  private KubernetesClient impatient;
  private Fabric8ClusterOperations cluster;

  @BeforeEach
  void setUp() {
    // No client-side retries (the service sets one: quarkus.kubernetes-client.request-retry-
    // backoff-limit) and a short request timeout, so each answer is seen as it is.
    impatient =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(client.getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    .withRequestTimeout(500)
                    .build())
            .build();
    cluster = new Fabric8ClusterOperations(impatient, KubernetesTransport.direct());
  }

  @AfterEach
  void tearDown() {
    cluster.close();
    impatient.close();
  }

  private static ActionCall call() {
    return new ActionCall(new IdempotencyKey("run-1", "scale"), false, Map.of(), m -> {});
  }

  private StepFailure scaleFails() {
    try {
      cluster.scale(
          call(),
          TARGET,
          new ScaleRequest(new ScaleChange.To(4), OptionalInt.empty(), OptionalInt.empty(), false));
    } catch (StepFailedException e) {
      return e.failure();
    }
    throw new AssertionError("the scale should have failed");
  }

  private void readable() {
    server
        .expect()
        .get()
        .withPath(WEB)
        .andReturn(
            200,
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace("shop")
                .withResourceVersion("7")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .endSpec()
                .build())
        .always();
    server
        .expect()
        .get()
        .withPath("/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers")
        .andReturn(
            200,
            Map.of(
                "apiVersion",
                "autoscaling/v2",
                "kind",
                "HorizontalPodAutoscalerList",
                "items",
                java.util.List.of()))
        .always();
  }

  private static Object status(int code, String reason, String message) {
    return new StatusBuilder()
        .withCode(code)
        .withReason(reason)
        .withMessage(message)
        .withStatus("Failure")
        .build();
  }

  @Test
  void forbiddenIsPermanent() {
    server
        .expect()
        .get()
        .withPath(WEB)
        .andReturn(403, status(403, "Forbidden", "deployments.apps \"web\" is forbidden"))
        .always();
    StepFailure failure = scaleFails();
    assertThat(failure.reason()).isEqualTo(FailureReason.FORBIDDEN);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.message()).contains("HTTP 403").contains("is forbidden");
  }

  @Test
  void aMissingObjectIsPermanent() {
    server
        .expect()
        .get()
        .withPath(WEB)
        .andReturn(404, status(404, "NotFound", "not found"))
        .always();
    StepFailure failure = scaleFails();
    assertThat(failure.reason()).isEqualTo(FailureReason.NOT_FOUND);
    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void anInvalidPatchIsPermanent() {
    readable();
    server
        .expect()
        .patch()
        .withPath(WEB)
        .andReturn(422, status(422, "Invalid", "spec.replicas: Invalid value: -1"))
        .always();
    StepFailure failure = scaleFails();
    assertThat(failure.reason()).isEqualTo(FailureReason.INVALID);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.message()).contains("spec.replicas: Invalid value");
  }

  @Test
  void serverErrorsAndThrottlingAreRetryable() {
    server.expect().get().withPath(WEB).andReturn(500, status(500, "InternalError", "etcd")).once();
    assertThat(scaleFails())
        .isEqualTo(
            StepFailure.retryable(
                FailureReason.UNAVAILABLE, "scale Deployment shop/web: HTTP 500 etcd"));
    server
        .expect()
        .get()
        .withPath(WEB)
        .andReturn(429, status(429, "TooManyRequests", "slow down"))
        .once();
    StepFailure throttled = scaleFails();
    assertThat(throttled.reason()).isEqualTo(FailureReason.UNAVAILABLE);
    assertThat(throttled.retryable()).isTrue();
  }

  @Test
  void aConflictThatPersistsIsReadAgainThenRetryableConflict() throws Exception {
    readable();
    server
        .expect()
        .patch()
        .withPath(WEB)
        .andReturn(409, status(409, "Conflict", "the object has been modified"))
        .always();
    StepFailure failure = scaleFails();
    assertThat(failure.reason()).isEqualTo(FailureReason.CONFLICT);
    assertThat(failure.retryable()).isTrue();
    int patches = 0;
    for (int i = server.getRequestCount(); i > 0; i--) {
      var request = server.takeRequest(1, TimeUnit.SECONDS);
      if (request != null && request.getMethod().equals("PATCH")) {
        patches++;
      }
    }
    assertThat(patches).isEqualTo(KubernetesTransport.CONFLICT_ATTEMPTS);
  }

  @Test
  void noAnswerInTimeIsARetryableTimeout() {
    server.expect().get().delay(3, TimeUnit.SECONDS).withPath(WEB).andReturn(200, "{}").once();
    StepFailure failure = scaleFails();
    assertThat(failure.reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void noAnswerAtAllIsRetryableUnavailable() {
    KubernetesClient nowhere =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(client.getConfiguration())
                    .withMasterUrl("https://127.0.0.1:1")
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    try (nowhere) {
      Fabric8ClusterOperations unreachable =
          new Fabric8ClusterOperations(nowhere, KubernetesTransport.direct());
      assertThatThrownBy(() -> unreachable.rollout(TARGET))
          .isInstanceOfSatisfying(
              StepFailedException.class,
              e -> {
                assertThat(e.failure().reason()).isEqualTo(FailureReason.UNAVAILABLE);
                assertThat(e.failure().retryable()).isTrue();
              });
    }
  }
}
