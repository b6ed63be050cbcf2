package dev.remedy.workflow;

import com.google.re2j.Pattern;
import dev.remedy.template.Template;
import java.util.Optional;

/**
 * One input of a workflow, rendered from the alert once when a run starts.
 *
 * @param pattern the rendered value must match it entirely (anchored), or the run fails before any
 *     step; Go (RE2) syntax, matched by RE2/J in time linear in the value (see {@link
 *     dev.remedy.matching.Regexes})
 */
public record Param(String name, Template value, Optional<Pattern> pattern) {

  /** Whether the rendered value is acceptable. */
  public boolean accepts(String rendered) {
    return pattern.map(p -> p.matches(rendered)).orElse(true);
  }
}
