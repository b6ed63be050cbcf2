package dev.remedy.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How the packaged application is started, as a user would: the native binary when one was built
 * (failsafe passes {@code native.image.path}), else {@code java -jar
 * target/quarkus-app/quarkus-run.jar}.
 */
public final class PackagedLauncher {

  private PackagedLauncher() {}

  /** The command; system properties go after element 0 (the executable). */
  public static List<String> command() {
    String nativeImage = System.getProperty("native.image.path");
    if (nativeImage != null && Files.isExecutable(Path.of(nativeImage))) {
      return List.of(Path.of(nativeImage).toAbsolutePath().toString());
    }
    Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("package the application first: no " + jar);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(java, "-jar", jar.toString());
  }
}
