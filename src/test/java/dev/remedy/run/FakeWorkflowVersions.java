package dev.remedy.run;

import dev.remedy.workflow.Workflow;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Workflow versions by name and digest, in memory. */
final class FakeWorkflowVersions implements WorkflowVersions {

  private final Map<String, Workflow> versions = new ConcurrentHashMap<>();

  @Override
  public void remember(Workflow workflow) {
    versions.putIfAbsent(key(workflow.name(), workflow.source().digest()), workflow);
  }

  @Override
  public Optional<Workflow> find(String name, String digest) {
    return Optional.ofNullable(versions.get(key(name, digest)));
  }

  private static String key(String name, String digest) {
    return name + "@" + digest;
  }
}
