package dev.remedy.workflow.spec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the bytes of a workflow file into a YAML node tree that keeps every position, within
 * limits: at most {@value #MAX_FILE_BYTES} bytes (checked before parsing), UTF-8, one document,
 * nesting at most {@value #MAX_DEPTH} deep, at most {@value #MAX_ALIASES} aliases, no recursive
 * alias, only the standard tags, YAML 1.2 core schema types. Duplicate keys are found by the
 * binder, which knows the field path.
 */
final class HardenedYaml {

  static final int MAX_FILE_BYTES = 256 * 1024;
  static final int MAX_DEPTH = 32;
  static final int MAX_ALIASES = 10;

  private static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setSchema(new CoreSchema())
          .setAllowDuplicateKeys(false)
          .setAllowRecursiveKeys(false)
          .setMaxAliasesForCollections(MAX_ALIASES)
          .setCodePointLimit(MAX_FILE_BYTES)
          .setUseMarks(true)
          .build();

  /** The root node and the text it was read from. */
  record Document(Node root, SourceText text) {}

  private HardenedYaml() {}

  /** The document of {@code content}, or empty when it cannot be read (problems say why). */
  static Optional<Document> read(byte[] content, Problems problems) {
    if (content.length > MAX_FILE_BYTES) {
      problems.add(
          Position.FILE_START,
          Problems.FILE,
          "larger than the limit of " + MAX_FILE_BYTES + " bytes (256 KiB)");
      return Optional.empty();
    }
    Optional<String> text = utf8(content);
    if (text.isEmpty()) {
      problems.add(Position.FILE_START, Problems.FILE, "not valid UTF-8 text");
      return Optional.empty();
    }
    try {
      if (!YamlPreflight.check(text.get(), SETTINGS, problems)) {
        return Optional.empty();
      }
      Optional<Node> root = new Compose(SETTINGS).composeString(text.get());
      if (root.isEmpty()) {
        problems.add(Position.FILE_START, Problems.YAML, "the file holds no YAML document");
        return Optional.empty();
      }
      return Optional.of(new Document(root.get(), new SourceText(text.get())));
    } catch (MarkedYamlEngineException e) {
      String context =
          e.getContext() == null || e.getContext().isBlank() ? "" : e.getContext() + ": ";
      Position position =
          SourceText.position(
              e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark());
      problems.add(position, Problems.YAML, context + e.getProblem());
    } catch (YamlEngineException e) {
      problems.add(Position.FILE_START, Problems.YAML, e.getMessage());
    }
    return Optional.empty();
  }

  private static Optional<String> utf8(byte[] content) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
      return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
