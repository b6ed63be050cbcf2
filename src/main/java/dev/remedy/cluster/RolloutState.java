package dev.remedy.cluster;

/** Where the rollout of a workload stands. */
public sealed interface RolloutState {

  /** observedGeneration ≥ generation and updated/ready/available replicas equal desired. */
  record Complete(String detail) implements RolloutState {}

  /** Still rolling; look again later. */
  record Progressing(String detail) implements RolloutState {}

  /** Past {@code progressDeadlineSeconds}: the condition's message. */
  record Stuck(String message) implements RolloutState {}
}
