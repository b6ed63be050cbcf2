package dev.remedy.cli;

import dev.remedy.workflow.Catalog;
import dev.remedy.workflow.LoadResult;
import dev.remedy.workflow.WorkflowError;
import dev.remedy.workflow.spec.WorkflowFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code remedy validate <file-or-directory>...}: the checks the service runs when it loads
 * workflows, one line per error on standard output, a summary on standard error.
 */
final class ValidateCommand {

  private final PrintStream out;
  private final PrintStream err;

  ValidateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(List<String> paths) {
    if (paths.isEmpty()) {
      return Commands.usage(err, "validate needs at least one file or directory");
    }
    List<Catalog.FileRead> reads = new ArrayList<>();
    for (String arg : paths) {
      Path path = Path.of(arg);
      try {
        if (Files.isDirectory(path)) {
          reads.addAll(WorkflowFiles.readDirectory(path, trimSlash(arg)));
        } else if (Files.isRegularFile(path)) {
          reads.add(WorkflowFiles.readFile(path, arg));
        } else {
          err.println("remedy: " + arg + ": no such file or directory");
          return Commands.PROBLEMS;
        }
      } catch (IOException e) {
        err.println("remedy: " + arg + ": cannot be read: " + e.getMessage());
        return Commands.PROBLEMS;
      }
    }
    int invalid = 0;
    int errors = 0;
    for (Catalog.FileRead read : reads) {
      if (read.result() instanceof LoadResult.Invalid bad) {
        invalid++;
        errors += bad.errors().size();
        bad.errors().stream().map(WorkflowError::toString).forEach(out::println);
      }
    }
    if (invalid == 0) {
      err.printf("%d workflow file%s valid%n", reads.size(), reads.size() == 1 ? "" : "s");
      return Commands.OK;
    }
    err.printf(
        "%d error%s in %d of %d workflow file%s%n",
        errors, errors == 1 ? "" : "s", invalid, reads.size(), reads.size() == 1 ? "" : "s");
    return Commands.PROBLEMS;
  }

  static String trimSlash(String dir) {
    return dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
  }
}
