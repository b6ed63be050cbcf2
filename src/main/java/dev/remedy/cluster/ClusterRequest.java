package dev.remedy.cluster;

import java.util.Objects;

/**
 * One write the cluster adapter sent and the API server accepted (or validated, in dry-run), as the
 * audit log records it: what changed, from which resourceVersion to which. Never a value written (a
 * rotated secret's keys are named by the step, not here).
 *
 * @param verb {@code patch} or {@code delete}
 * @param kind the object's kind ({@code Deployment}, {@code Secret}, ...)
 * @param resourceVersionBefore the version the write was decided on (its precondition)
 * @param resourceVersionAfter the version the API server answered with; empty for a delete
 * @param dryRun sent with {@code dryRun=All}: validated, nothing changed
 */
public record ClusterRequest(
    String verb,
    String kind,
    String namespace,
    String name,
    String resourceVersionBefore,
    String resourceVersionAfter,
    boolean dryRun) {

  public ClusterRequest {
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(kind, "kind");
    resourceVersionBefore = resourceVersionBefore == null ? "" : resourceVersionBefore;
    resourceVersionAfter = resourceVersionAfter == null ? "" : resourceVersionAfter;
  }
}
