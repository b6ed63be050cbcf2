package dev.remedy.workflow;

import dev.remedy.template.Template;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One input of a workflow, rendered from the alert once when a run starts.
 *
 * @param pattern the rendered value must match it entirely (anchored), or the run fails before any
 *     step
 */
public record Param(String name, Template value, Optional<Pattern> pattern) {

  /** Whether the rendered value is acceptable. */
  public boolean accepts(String rendered) {
    return pattern.map(p -> p.matcher(rendered).matches()).orElse(true);
  }
}
