package dev.remedy.workflow.spec;

import dev.remedy.workflow.LoadResult;
import dev.remedy.workflow.Workflow;
import dev.remedy.workflow.WorkflowSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Loads one workflow file: hardened YAML reading, binding, validation of everything, and only then
 * the runtime {@link Workflow}. Plain Java and stateless (thread-safe); the CLI uses it without
 * starting Quarkus.
 */
public final class WorkflowFileLoader {

  /** What loading gave, and where {@code metadata.name} was written (for catalog checks). */
  record Outcome(LoadResult result, Optional<Position> namePosition) {}

  /**
   * Loads a workflow from the bytes of its file.
   *
   * @param displayPath the path as the user knows it, e.g. {@code workflows/restart.yaml}: it
   *     prefixes every error, becomes {@code WorkflowSource.file()}, and its last segment must be
   *     {@code <metadata.name>.yaml}
   * @param content the file's bytes (UTF-8); the version of the workflow is their SHA-256
   * @return the workflow, or every error found in the file sorted by position; never throws for bad
   *     content
   */
  public LoadResult load(String displayPath, byte[] content) {
    return loadWithName(displayPath, content, true).result();
  }

  /** Loads; the file name is checked against {@code metadata.name} only if {@code checkName}. */
  Outcome loadWithName(String displayPath, byte[] content, boolean checkName) {
    Problems problems = new Problems(displayPath);
    Optional<HardenedYaml.Document> document = HardenedYaml.read(content, problems);
    if (document.isEmpty()) {
      return new Outcome(new LoadResult.Invalid(problems.sorted()), Optional.empty());
    }
    WorkflowSpec spec = WorkflowBinder.bind(document.get().root(), document.get().text(), problems);
    WorkflowSource source =
        new WorkflowSource(
            displayPath, digest(content), new String(content, StandardCharsets.UTF_8));
    Optional<Workflow> workflow = WorkflowAssembler.assemble(spec, source, checkName, problems);
    Optional<Position> name = spec.metadataName().map(Value::position);
    return workflow
        .<Outcome>map(w -> new Outcome(new LoadResult.Loaded(w), name))
        .orElseGet(() -> new Outcome(new LoadResult.Invalid(problems.sorted()), name));
  }

  /** {@code sha256:} and the lower-case hex SHA-256 of {@code content}. */
  static String digest(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
