package dev.remedy.workflow.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The workflow files the tests read: the examples in {@code workflows/} and the invalid fixtures in
 * {@code src/test/resources/workflows/invalid/}. A fixture ends with comment lines (at the end, so
 * that they do not move the lines of the errors they describe):
 *
 * <pre>
 * # expect: unknown-key.yaml:12:7 spec.steps[0].timout: unknown key "timout" (did you mean "timeout"?)
 * # schema: invalid
 * </pre>
 *
 * {@code schema:} says what the JSON Schema makes of the file: {@code invalid} (the schema catches
 * it too), {@code valid} (only the loader can: variables, references, matcher syntax...) or {@code
 * unreadable} (not plain YAML: duplicate keys, bombs, tags, syntax errors).
 */
final class Fixtures {

  static final Path EXAMPLES = Path.of("workflows");
  static final Path INVALID = Path.of("src/test/resources/workflows/invalid");

  /** What the JSON Schema makes of a fixture. */
  enum SchemaVerdict {
    INVALID,
    VALID,
    UNREADABLE
  }

  /** One invalid fixture and what it must produce. */
  record Fixture(Path path, List<String> expected, SchemaVerdict schema) {

    String name() {
      return path.getFileName().toString();
    }

    byte[] content() {
      return read(path);
    }

    @Override
    public String toString() {
      return name();
    }
  }

  private Fixtures() {}

  static List<Path> examples() {
    return yamlFiles(EXAMPLES);
  }

  static List<Fixture> invalid() {
    return yamlFiles(INVALID).stream().map(Fixtures::fixture).toList();
  }

  private static Fixture fixture(Path path) {
    List<String> lines =
        new String(read(path), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    List<String> expected =
        lines.stream().filter(l -> l.startsWith("# expect: ")).map(l -> l.substring(10)).toList();
    SchemaVerdict schema =
        lines.stream()
            .filter(l -> l.startsWith("# schema: "))
            .map(
                l ->
                    SchemaVerdict.valueOf(
                        l.substring(10).trim().toUpperCase(java.util.Locale.ROOT)))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(path + " has no '# schema:' line"));
    return new Fixture(path, expected, schema);
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
