package dev.remedy.audit;

import java.util.Objects;

/** The workflow an event concerns: its name and the digest of the exact version. */
public record WorkflowVersion(String name, String digest) {
  public WorkflowVersion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(digest, "digest");
  }
}
