package dev.remedy.workflow;

import dev.remedy.matching.Matchers;
import dev.remedy.template.Template;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated workflow, as the engine runs it.
 *
 * @param dedupKey the key of "at most one active run"; empty means the alert's fingerprint
 * @param params inputs rendered from the alert when a run starts, in declaration order
 * @param onFailure steps run in order when a step fails for good or an approval is refused
 */
public record Workflow(
    String name,
    String description,
    WorkflowSource source,
    Matchers matchers,
    OnResolved onResolved,
    Optional<Template> dedupKey,
    List<Param> params,
    Guards guards,
    List<Step> steps,
    List<Step> onFailure) {

  public Workflow {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(matchers, "matchers");
    Objects.requireNonNull(onResolved, "onResolved");
    Objects.requireNonNull(dedupKey, "dedupKey");
    params = List.copyOf(params);
    Objects.requireNonNull(guards, "guards");
    steps = List.copyOf(steps);
    onFailure = List.copyOf(onFailure);
  }

  /** The step with this id in {@code steps} or {@code onFailure}. */
  public Optional<Step> step(String id) {
    return java.util.stream.Stream.concat(steps.stream(), onFailure.stream())
        .filter(s -> s.id().equals(id))
        .findFirst();
  }
}
