package dev.remedy.workflow.spec;

import dev.remedy.workflow.Catalog;
import dev.remedy.workflow.LoadResult;
import dev.remedy.workflow.WorkflowError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads every workflow file of a directory: each {@code *.yaml} file directly in it (not in
 * sub-directories such as {@code schema/}), in file-name order, plus the checks across files.
 */
public final class WorkflowDirectory {

  private static final WorkflowFileLoader LOADER = new WorkflowFileLoader();

  private WorkflowDirectory() {}

  /**
   * Loads every workflow file of {@code dir}. A {@code *.yml} file is reported as invalid rather
   * than silently ignored; a file that cannot be read is invalid; a workflow whose {@code
   * metadata.name} an earlier file already uses is invalid.
   *
   * @param displayPrefix the directory as the user knows it, e.g. {@code workflows}: errors and
   *     sources name files {@code workflows/restart.yaml}
   * @throws java.nio.file.NoSuchFileException if the directory does not exist
   * @throws IOException if the directory cannot be listed
   */
  public static List<Catalog.FileRead> read(Path dir, String displayPrefix) throws IOException {
    String prefix =
        displayPrefix.isEmpty() || displayPrefix.endsWith("/")
            ? displayPrefix
            : displayPrefix + "/";
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(WorkflowDirectory::isWorkflowFile)
              .sorted(Comparator.comparing(WorkflowDirectory::name))
              .toList();
    }
    Map<String, String> names = new HashMap<>();
    List<Catalog.FileRead> results = new ArrayList<>();
    for (Path file : files) {
      String display = prefix + name(file);
      Catalog.FileRead read;
      try {
        read = readChecked(file, display, names);
      } catch (IOException e) {
        read =
            new Catalog.FileRead(
                display, "", invalid(display, Position.FILE_START, "cannot be read: " + e));
      }
      results.add(read);
    }
    return List.copyOf(results);
  }

  /** Whether {@code path} is a file that {@link #read} considers (YAML, directly in the dir). */
  public static boolean isWorkflowFile(Path path) {
    String name = name(path);
    return (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(path);
  }

  /** Loads one file; {@code names} holds the workflow names of earlier files, by file. */
  static Catalog.FileRead readChecked(Path file, String display, Map<String, String> names)
      throws IOException {
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes(HardenedYaml.MAX_FILE_BYTES + 1);
    }
    String digest = WorkflowFileLoader.digest(content);
    if (name(file).endsWith(".yml")) {
      return new Catalog.FileRead(
          display, digest, invalid(display, Position.FILE_START, "workflow files end in .yaml"));
    }
    WorkflowFileLoader.Outcome outcome = LOADER.loadWithName(display, content, true);
    if (outcome.result() instanceof LoadResult.Loaded loaded) {
      String name = loaded.workflow().name();
      Optional<String> first = Optional.ofNullable(names.putIfAbsent(name, display));
      if (first.isPresent()) {
        WorkflowError error =
            new WorkflowError(
                display,
                outcome.namePosition().orElse(Position.FILE_START).line(),
                outcome.namePosition().orElse(Position.FILE_START).column(),
                "metadata.name",
                "workflow \"" + name + "\" is already defined in " + first.get());
        return new Catalog.FileRead(display, digest, new LoadResult.Invalid(List.of(error)));
      }
    }
    return new Catalog.FileRead(display, digest, outcome.result());
  }

  private static LoadResult invalid(String file, Position at, String message) {
    return new LoadResult.Invalid(
        List.of(new WorkflowError(file, at.line(), at.column(), Problems.FILE, message)));
  }

  private static String name(Path path) {
    return path.getFileName().toString();
  }
}
