package dev.remedy.adapter.kubernetes;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;

/** The tests' HorizontalPodAutoscaler {@code shop/web}, whose scale target is Deployment web. */
final class WebAutoscaler {

  private WebAutoscaler() {}

  /** With these bounds ({@code min} null: the API server's default). */
  static HorizontalPodAutoscaler of(Integer min, int max) {
    return new HorizontalPodAutoscalerBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace("shop")
        .endMetadata()
        .withNewSpec()
        .withNewScaleTargetRef()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName("web")
        .endScaleTargetRef()
        .withMinReplicas(min)
        .withMaxReplicas(max)
        .endSpec()
        .build();
  }
}
