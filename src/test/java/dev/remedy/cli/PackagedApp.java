package dev.remedy.cli;

import dev.remedy.testsupport.PackagedLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged application as a user would: the native binary when one was built (failsafe
 * passes {@code native.image.path}), else {@code java -jar target/quarkus-app/quarkus-run.jar}.
 */
final class PackagedApp {

  /** What a finished run printed and returned. */
  record Result(int exitCode, String out, String err, long millis) {}

  private PackagedApp() {}

  static Result run(Path workingDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(PackagedLauncher.command());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("remedy-cli", ".out");
    Path err = Files.createTempFile("remedy-cli", ".err");
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .directory(workingDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the command did not exit within 60 s: " + command);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        millis);
  }
}
