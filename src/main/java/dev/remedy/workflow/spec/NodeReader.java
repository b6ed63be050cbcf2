package dev.remedy.workflow.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads YAML nodes as the objects, maps and lists of the format, and reports what does not fit:
 * wrong types, duplicate keys, unknown keys (with a suggestion), missing required keys.
 */
final class NodeReader {

  private final SourceText text;
  private final Problems problems;

  NodeReader(SourceText text, Problems problems) {
    this.text = text;
    this.problems = problems;
  }

  /**
   * A key of a mapping and its value.
   *
   * @param field the path of the value, e.g. {@code spec.params.namespace}
   */
  record Entry(String key, String field, Span keySpan, Node value) {}

  /** An object's known keys that are present, by key. */
  record Fields(String field, Node node, Map<String, Entry> entries) {

    Optional<Node> get(String key) {
      return Optional.ofNullable(entries.get(key)).map(Entry::value);
    }

    Optional<Entry> entry(String key) {
      return Optional.ofNullable(entries.get(key));
    }

    String path(String key) {
      return NodeReader.path(field, key);
    }
  }

  /** An item of a list. */
  record Item(String field, Node node) {}

  Problems problems() {
    return problems;
  }

  Span span(Node node) {
    return text.span(node);
  }

  /** Reads an object of the given shape: its known keys, after reporting unknown and missing. */
  Optional<Fields> object(Node node, String field, Shape shape) {
    Optional<List<Entry>> entries = map(node, field);
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Entry> known = new LinkedHashMap<>();
    for (Entry entry : entries.get()) {
      if (shape.keys().contains(entry.key())) {
        known.put(entry.key(), entry);
      } else {
        problems.add(
            entry.keySpan().start(),
            entry.field(),
            Suggestions.unknownKey(entry.key(), shape.keys()));
      }
    }
    for (String key : shape.keys()) {
      if (shape.required().contains(key) && !known.containsKey(key)) {
        problems.add(span(node).start(), path(field, key), "required key is missing");
      }
    }
    return Optional.of(new Fields(field, node, known));
  }

  /** Reads a mapping whose keys are names chosen by the author (params, weights, headers). */
  Optional<List<Entry>> map(Node node, String field) {
    if (!(node instanceof MappingNode mapping)) {
      wrongType(node, field, "a mapping");
      return Optional.empty();
    }
    Map<String, Entry> seen = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Span keySpan = span(tuple.getKeyNode());
      if (!(tuple.getKeyNode() instanceof ScalarNode key) || key.getTag().equals(Tag.NULL)) {
        problems.add(
            keySpan.start(), field, "keys must be strings, got " + describe(tuple.getKeyNode()));
        continue;
      }
      String name = key.getValue();
      Entry entry = new Entry(name, path(field, name), keySpan, tuple.getValueNode());
      Entry first = seen.putIfAbsent(name, entry);
      if (first != null) {
        problems.add(
            keySpan.start(),
            entry.field(),
            "duplicate key \""
                + name
                + "\" (first at "
                + first.keySpan().start().describeFrom(keySpan.start())
                + ")");
      }
    }
    return Optional.of(List.copyOf(seen.values()));
  }

  /** Reads a list of at least {@code minItems} items. */
  Optional<List<Item>> list(Node node, String field, int minItems) {
    if (!(node instanceof SequenceNode sequence)) {
      wrongType(node, field, "a list");
      return Optional.empty();
    }
    List<Item> items = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      items.add(new Item(field + "[" + items.size() + "]", item));
    }
    if (items.size() < minItems) {
      problems.add(
          span(node).start(),
          field,
          minItems == 1 ? "must not be empty" : "needs at least " + minItems + " items");
    }
    return Optional.of(items);
  }

  void wrongType(Node node, String field, String expected) {
    String hint =
        expected.equals("a string")
                && node instanceof ScalarNode scalar
                && !scalar.getTag().equals(Tag.NULL)
            ? " (put it in quotes)"
            : "";
    problems.add(
        span(node).start(), field, "expected " + expected + ", got " + describe(node) + hint);
  }

  /** The path of {@code key} under {@code field}; names that are not plain are quoted. */
  static String path(String field, String key) {
    String segment =
        key.matches("[A-Za-z0-9_-]+") ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
    if (field.isEmpty()) {
      return segment;
    }
    return segment.startsWith("[") ? field + segment : field + "." + segment;
  }

  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (!(node instanceof ScalarNode scalar)) {
      return "an alias";
    }
    Tag tag = scalar.getTag();
    String value = scalar.getValue();
    if (tag.equals(Tag.NULL)) {
      return "null";
    } else if (tag.equals(Tag.BOOL)) {
      return "the boolean " + value;
    } else if (tag.equals(Tag.INT)) {
      return "the integer " + value;
    } else if (tag.equals(Tag.FLOAT)) {
      return "the number " + value;
    }
    return "the string \"" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "\"";
  }
}
