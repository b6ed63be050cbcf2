package dev.remedy.workflow.spec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;

/**
 * A pass over the YAML events, before any node tree is built: one document, nesting depth, alias
 * count, no recursive alias and no tag but the standard ones. The parser is a loop, not a
 * recursion, so a 10,000-deep {@code [[[[} file stops here at depth 33 instead of overflowing the
 * composer's stack; an alias bomb stops at its eleventh alias instead of being expanded.
 */
final class YamlPreflight {

  private static final String CORE_TAG = "tag:yaml.org,2002:";
  private static final Set<String> STANDARD_TAGS =
      Set.of("str", "int", "float", "bool", "null", "seq", "map");

  private final Problems problems;
  private final Deque<Optional<Anchor>> open = new ArrayDeque<>();
  private int documents;
  private int aliases;

  private YamlPreflight(Problems problems) {
    this.problems = problems;
  }

  /**
   * Checks {@code text}; records problems and returns false when it must not be composed. YAML
   * syntax errors are left to the composer, which reports them the same way.
   */
  static boolean check(String text, LoadSettings settings, Problems problems) {
    YamlPreflight preflight = new YamlPreflight(problems);
    for (Event event : new Parse(settings).parseString(text)) {
      if (!preflight.accept(event)) {
        return false;
      }
    }
    return problems.isEmpty();
  }

  private boolean accept(Event event) {
    Position position = SourceText.position(event.getStartMark());
    switch (event) {
      case DocumentStartEvent document -> {
        if (++documents > 1) {
          return fail(position, "a workflow file holds one YAML document, found a second one");
        }
      }
      case CollectionStartEvent start -> {
        checkTag(start.getTag(), position);
        open.push(start.getAnchor());
        if (open.size() > HardenedYaml.MAX_DEPTH) {
          return fail(
              position, "nested deeper than " + HardenedYaml.MAX_DEPTH + " levels (the limit)");
        }
      }
      case CollectionEndEvent end -> open.pop();
      case ScalarEvent scalar -> checkTag(scalar.getTag(), position);
      case AliasEvent alias -> {
        if (++aliases > HardenedYaml.MAX_ALIASES) {
          return fail(
              position, "more than " + HardenedYaml.MAX_ALIASES + " aliases (the limit per file)");
        }
        if (open.contains(Optional.of(alias.getAlias()))) {
          return fail(position, "recursive alias *" + alias.getAlias().getValue());
        }
      }
      default -> {}
    }
    return true;
  }

  private void checkTag(Optional<String> tag, Position position) {
    if (tag.isEmpty()) {
      return;
    }
    String name = tag.get();
    boolean standard =
        name.startsWith(CORE_TAG) && STANDARD_TAGS.contains(name.substring(CORE_TAG.length()));
    if (!standard) {
      String shown = name.startsWith(CORE_TAG) ? "!!" + name.substring(CORE_TAG.length()) : name;
      problems.add(
          position,
          Problems.YAML,
          "tag "
              + shown
              + " is not allowed (only the standard !!str, !!int, !!float, !!bool, !!null, !!seq"
              + " and !!map)");
    }
  }

  private boolean fail(Position position, String message) {
    problems.add(position, Problems.YAML, message);
    return false;
  }
}
