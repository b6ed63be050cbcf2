package dev.remedy.engine.bench;

/**
 * The two workflows the benchmark runs. No approval, no wait, no guard: every step is a mutating
 * Kubernetes call, so the engine's own cost is what is measured. The Deployment comes from the
 * alert's {@code deployment} label through a param with a pattern, as production workflows do.
 */
final class Workflows {

  private Workflows() {}

  static final String ONE =
      """
      apiVersion: remedy/v1
      kind: Workflow
      metadata:
        name: bench-one
        description: Engine benchmark - one restart per alert.
      spec:
        matchers:
          - alertname = BenchOne
        params:
          namespace:  { value: "{{ labels.namespace }}",  pattern: "bench" }
          deployment: { value: "{{ labels.deployment }}", pattern: "d-[0-9]{1,6}" }
        steps:
          - id: restart
            action: restart
            target: { kind: Deployment, namespace: "{{ params.namespace }}", name: "{{ params.deployment }}" }
      """;

  static final String THREE =
      """
      apiVersion: remedy/v1
      kind: Workflow
      metadata:
        name: bench-three
        description: Engine benchmark - restart, scale to 3, scale to 2 per alert.
      spec:
        matchers:
          - alertname = BenchThree
        params:
          namespace:  { value: "{{ labels.namespace }}",  pattern: "bench" }
          deployment: { value: "{{ labels.deployment }}", pattern: "d-[0-9]{1,6}" }
        steps:
          - id: restart
            action: restart
            target: { kind: Deployment, namespace: "{{ params.namespace }}", name: "{{ params.deployment }}" }
          - id: scale-up
            action: scale
            target: { kind: Deployment, namespace: "{{ params.namespace }}", name: "{{ params.deployment }}" }
            with: { replicas: 3 }
          - id: scale-down
            action: scale
            target: { kind: Deployment, namespace: "{{ params.namespace }}", name: "{{ params.deployment }}" }
            with: { replicas: 2 }
      """;
}
