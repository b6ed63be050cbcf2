package dev.remedy.workflow.spec;

import dev.remedy.matching.InvalidRegexException;
import dev.remedy.matching.Regexes;
import dev.remedy.template.Template;
import dev.remedy.template.TemplateSyntaxException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads scalars as typed values (strings, integers, durations, templates, regexes, choices) and
 * reports values of the wrong type or out of range, at their position.
 */
final class ScalarReader {

  private static final String DURATION_HELP =
      "expected whole numbers with units, largest first, e.g. 500ms, 30s, 5m, 1h30m, 2d;"
          + " units ms, s, m, h, d, w, y";

  private final NodeReader nodes;
  private final Problems problems;

  ScalarReader(NodeReader nodes) {
    this.nodes = nodes;
    this.problems = nodes.problems();
  }

  /** A non-empty string. */
  Optional<Value<String>> string(Node node, String field) {
    Optional<Value<String>> text = text(node, field);
    if (text.isPresent() && text.get().value().isEmpty()) {
      problems.add(text.get(), "must not be empty");
      return Optional.empty();
    }
    return text;
  }

  /** A string, possibly empty. */
  Optional<Value<String>> text(Node node, String field) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
      return Optional.of(new Value<>(scalar.getValue(), field, nodes.span(node)));
    }
    nodes.wrongType(node, field, "a string");
    return Optional.empty();
  }

  /** A non-empty string matching {@code syntax} entirely; {@code what} explains the syntax. */
  Optional<Value<String>> matching(Node node, String field, Pattern syntax, String what) {
    Optional<Value<String>> text = string(node, field);
    if (text.isPresent() && !syntax.matcher(text.get().value()).matches()) {
      problems.add(text.get(), "\"" + text.get().value() + "\" is not " + what);
      return Optional.empty();
    }
    return text;
  }

  Optional<Value<Integer>> integer(Node node, String field, int min, int max) {
    if (!(node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT))) {
      nodes.wrongType(node, field, "an integer");
      return Optional.empty();
    }
    Value<?> at = new Value<>(scalar.getValue(), field, nodes.span(node));
    BigInteger value = parseInteger(scalar.getValue());
    if (value == null) {
      problems.add(at, "expected an integer, got \"" + scalar.getValue() + "\"");
      return Optional.empty();
    }
    if (value.compareTo(BigInteger.valueOf(min)) < 0
        || value.compareTo(BigInteger.valueOf(max)) > 0) {
      problems.add(at, range(min, max));
      return Optional.empty();
    }
    return Optional.of(at.with(value.intValueExact()));
  }

  /** A finite number, integer or not. */
  Optional<Value<Double>> number(Node node, String field) {
    if (!(node instanceof ScalarNode scalar
        && (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT)))) {
      nodes.wrongType(node, field, "a number");
      return Optional.empty();
    }
    Value<?> at = new Value<>(scalar.getValue(), field, nodes.span(node));
    String text = scalar.getValue();
    double value = Double.NaN;
    if (scalar.getTag().equals(Tag.INT)) {
      BigInteger integer = parseInteger(text);
      value = integer == null ? Double.NaN : integer.doubleValue();
    } else if (text.matches("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?")) {
      value = Double.parseDouble(text);
    }
    if (!Double.isFinite(value)) {
      problems.add(at, "must be a finite number");
      return Optional.empty();
    }
    return Optional.of(at.with(value));
  }

  Optional<Value<Boolean>> bool(Node node, String field) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
      return Optional.of(
          new Value<>(Boolean.parseBoolean(scalar.getValue()), field, nodes.span(node)));
    }
    nodes.wrongType(node, field, "true or false");
    return Optional.empty();
  }

  /** A duration; zero only when {@code zeroAllowed}, never more than {@link Durations#MAX}. */
  Optional<Value<Duration>> duration(Node node, String field, boolean zeroAllowed) {
    if (!(node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR))) {
      nodes.wrongType(node, field, "a duration such as 30s, 5m or 1h30m");
      return Optional.empty();
    }
    Value<String> text = new Value<>(scalar.getValue(), field, nodes.span(node));
    Optional<Duration> parsed = Durations.parse(text.value());
    if (parsed.isEmpty()) {
      problems.add(text, "invalid duration \"" + text.value() + "\" (" + DURATION_HELP + ")");
    } else if (parsed.get().isZero() && !zeroAllowed) {
      problems.add(text, "must be longer than 0");
    } else if (parsed.get().compareTo(Durations.MAX) > 0) {
      problems.add(text, "must be at most " + Durations.MAX.toDays() + "d");
    } else {
      return Optional.of(text.with(parsed.get()));
    }
    return Optional.empty();
  }

  /** A non-empty string parsed as a template; a syntax error points at its column. */
  Optional<Value<Template>> template(Node node, String field, boolean mayBeEmpty) {
    Optional<Value<String>> text = mayBeEmpty ? text(node, field) : string(node, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(text.get().with(Template.parse(text.get().value())));
    } catch (TemplateSyntaxException e) {
      problems.add(text.get().span().atChar(e.column()), field, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * A regular expression in Go's syntax (RE2), as matchers, compiled with RE2/J; an error points at
   * its column.
   */
  Optional<Value<com.google.re2j.Pattern>> regex(Node node, String field) {
    Optional<Value<String>> text = string(node, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(text.get().with(Regexes.compile(text.get().value())));
    } catch (InvalidRegexException e) {
      Position at = text.get().span().atChar(e.index() + 1);
      problems.add(at, field, "invalid regular expression: " + e.reason());
      return Optional.empty();
    }
  }

  /** One of the names in {@code choices} (in the order they are listed in the message). */
  <E> Optional<Value<E>> choice(Node node, String field, String what, Map<String, E> choices) {
    Optional<Value<String>> text = text(node, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    E chosen = choices.get(text.get().value());
    if (chosen == null) {
      problems.add(text.get(), unknown(what, text.get().value(), choices.keySet()));
      return Optional.empty();
    }
    return Optional.of(text.get().with(chosen));
  }

  static String unknown(String what, String value, Iterable<String> expected) {
    return "unknown "
        + what
        + " \""
        + value
        + "\" (expected one of "
        + String.join(", ", expected)
        + ")";
  }

  private static String range(int min, int max) {
    if (max == Integer.MAX_VALUE) {
      return "must be at least " + min;
    }
    return "must be between " + min + " and " + max;
  }

  /** YAML 1.2 core integers: decimal, {@code 0o} octal, {@code 0x} hex; null if malformed. */
  private static BigInteger parseInteger(String text) {
    try {
      if (text.startsWith("0x")) {
        return new BigInteger(text.substring(2), 16);
      }
      if (text.startsWith("0o")) {
        return new BigInteger(text.substring(2), 8);
      }
      return new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
