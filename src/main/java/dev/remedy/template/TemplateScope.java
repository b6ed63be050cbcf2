package dev.remedy.template;

import java.util.List;
import java.util.Optional;

/** Where a template finds its variables at render time. */
@FunctionalInterface
public interface TemplateScope {

  /** The value of the variable, or empty when it has none (an absent label, an unset output). */
  Optional<String> resolve(List<String> path);
}
