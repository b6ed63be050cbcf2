package dev.remedy.run;

import dev.remedy.workflow.Workflow;
import java.util.Optional;

/**
 * Port: the exact version of a workflow a run started with. A run executes that version to its end
 * even when the file is edited or removed meanwhile.
 */
public interface WorkflowVersions {

  /** Remembers the version (idempotent), inside the caller's transaction. */
  void remember(Workflow workflow);

  /** The workflow of that name and version digest, if it is known. */
  Optional<Workflow> find(String name, String digest);
}
