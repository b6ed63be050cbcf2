package dev.remedy.adapter.files;

import dev.remedy.workflow.Catalog;
import dev.remedy.workflow.spec.WorkflowFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads the workflow directory, and tells cheaply whether any file in it changed. */
final class WorkflowDirectoryReader {

  private final Path dir;
  private final String displayPrefix;

  WorkflowDirectoryReader(Path dir, String displayPrefix) {
    this.dir = dir;
    this.displayPrefix = displayPrefix;
  }

  boolean directoryExists() {
    return Files.isDirectory(dir);
  }

  /** Every workflow file, read and validated; none when the directory does not exist. */
  List<Catalog.FileRead> readAll() {
    try {
      return WorkflowFiles.readDirectory(dir, displayPrefix);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the workflow directory " + displayPrefix, e);
    }
  }

  /**
   * Size and modification time of every YAML file, following symlinks (a Kubernetes ConfigMap
   * volume swaps a symlink): equal stamps mean nothing to reload.
   */
  Map<String, String> stamps() {
    Map<String, String> stamps = new TreeMap<>();
    if (!directoryExists()) {
      return stamps;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(WorkflowFiles::isWorkflowFile).toList()) {
        try {
          stamps.put(
              file.getFileName().toString(),
              Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis());
        } catch (IOException e) {
          stamps.put(file.getFileName().toString(), "unreadable");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return stamps;
  }
}
