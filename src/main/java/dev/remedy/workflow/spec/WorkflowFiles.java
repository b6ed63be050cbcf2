package dev.remedy.workflow.spec;

import dev.remedy.workflow.Catalog;
import dev.remedy.workflow.LoadResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

/**
 * The entry points for callers that read workflow files (the catalog adapter, the CLI, the
 * validation API): static, plain Java, no CDI.
 */
public final class WorkflowFiles {

  /** The file name shown in errors of a workflow checked without a file name. */
  public static final String UNNAMED = "<request>";

  private static final WorkflowFileLoader LOADER = new WorkflowFileLoader();

  private WorkflowFiles() {}

  /** Every workflow file of a directory; see {@link WorkflowDirectory#read}. */
  public static List<Catalog.FileRead> readDirectory(Path dir, String displayPrefix)
      throws IOException {
    return WorkflowDirectory.read(dir, displayPrefix);
  }

  /**
   * One workflow file.
   *
   * @param displayPath the path as the user knows it; its last segment must be {@code
   *     <metadata.name>.yaml}
   * @throws IOException if the file cannot be read
   */
  public static Catalog.FileRead readFile(Path file, String displayPath) throws IOException {
    return WorkflowDirectory.readChecked(file, displayPath, new HashMap<>());
  }

  /** Whether a directory entry is a workflow file (a regular {@code *.yaml} or {@code *.yml}). */
  public static boolean isWorkflowFile(Path path) {
    return WorkflowDirectory.isWorkflowFile(path);
  }

  /**
   * Checks a workflow given as bytes, e.g. the body of a validation request.
   *
   * @param file the file name it will have, or null: then the name is not checked against {@code
   *     metadata.name} and errors name the file {@value #UNNAMED}
   */
  public static LoadResult loadOne(String file, byte[] content) {
    return file == null
        ? LOADER.loadWithName(UNNAMED, content, false).result()
        : LOADER.load(file, content);
  }
}
