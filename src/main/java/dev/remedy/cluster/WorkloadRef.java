package dev.remedy.cluster;

import dev.remedy.workflow.TargetKind;
import java.util.Objects;

/** A rendered target: one object in the cluster. */
public record WorkloadRef(TargetKind kind, String namespace, String name) {

  public WorkloadRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return kind.kind() + " " + namespace + "/" + name;
  }
}
