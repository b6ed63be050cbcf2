package dev.remedy.adapter.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;

/** The tests' Deployment {@code shop/web} and the HorizontalPodAutoscaler that may own it. */
final class ShopObjects {

  private ShopObjects() {}

  /** Deployment web (pods labelled {@code app: web}). */
  static Deployment web(boolean paused, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace("shop")
        .endMetadata()
        .withNewSpec()
        .withPaused(paused)
        .withReplicas(replicas)
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", "web")
        .endMetadata()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** HorizontalPodAutoscaler web, scaling Deployment web ({@code min} null: the default). */
  static HorizontalPodAutoscaler webAutoscaler(Integer min, int max) {
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
