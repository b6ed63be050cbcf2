package dev.remedy.workflow.spec;

import java.util.List;
import java.util.Set;

/**
 * The keys one kind of YAML object may have: the binder accepts exactly these, and the JSON
 * Schema's {@code $defs/<name>} must list the same ({@code additionalProperties: false}).
 *
 * @param name the object's name, also its {@code $defs} name in the schema
 * @param keys every allowed key, in the order the reference documents them
 * @param required the keys that must be present
 */
record Shape(String name, List<String> keys, Set<String> required) {

  Shape {
    keys = List.copyOf(keys);
    required = Set.copyOf(required);
    if (!keys.containsAll(required)) {
      throw new IllegalArgumentException("required keys of " + name + " must be keys");
    }
  }
}
