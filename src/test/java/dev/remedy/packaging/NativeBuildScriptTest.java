package dev.remedy.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * native/build.sh picks its builder as native/README.md says. It runs with a PATH holding only the
 * tools it needs plus stand-ins for native-image / docker / podman, and MVNW=echo, so what would be
 * passed to Maven is printed instead of built.
 */
class NativeBuildScriptTest {

  private static final Path SCRIPT = Path.of("native/build.sh").toAbsolutePath();

  private static final String BASH =
      Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/usr/bin/bash";

  @TempDir Path bin;

  @BeforeEach
  void onlyTheToolsTheScriptNeeds() throws IOException {
    for (String tool : List.of("dirname", "basename", "cat", "sed")) {
      Path real =
          List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
              .filter(Files::isExecutable)
              .findFirst()
              .orElseThrow();
      script(tool, "exec " + real + " \"$@\"");
    }
  }

  @Test
  void parsesWithBashN() throws Exception {
    assertThat(run(List.of(BASH, "-n", SCRIPT.toString())).exit).isZero();
  }

  @Test
  void withNeitherABuilderNorAnEngineItSaysWhatIsMissing() throws Exception {
    Result result = build();
    assertThat(result.exit).isEqualTo(1);
    assertThat(result.output).contains("no native-image").contains("no docker or podman");
  }

  @Test
  void aContainerEngineBuildsThePostgresqlBinaryInTheMandrelBuilderImage() throws Exception {
    fakeTool("podman");
    Result result = build();
    assertThat(result.exit).isZero();
    assertThat(result.output)
        .contains("package -Dnative -DskipTests -Ppostgresql")
        .contains("-Dquarkus.native.container-build=true")
        .contains("-Dquarkus.native.container-runtime=podman")
        .contains(
            "-Dquarkus.native.builder-image=quay.io/quarkus/ubi9-quarkus-mandrel-builder-image");
  }

  @Test
  void aLocalNativeImageIsPreferredAndH2IsAnOption() throws Exception {
    fakeTool("docker");
    fakeTool("native-image");
    Result result = build("--h2", "--", "-Dquarkus.native.additional-build-args=-O1");
    assertThat(result.exit).isZero();
    assertThat(result.output)
        .contains("package -Dnative -DskipTests -Dquarkus.native.additional-build-args=-O1")
        .doesNotContain("-Ppostgresql")
        .doesNotContain("container-build");
  }

  @Test
  void anUnknownOptionIsRefused() throws Exception {
    assertThat(build("--jvm").exit).isEqualTo(2);
  }

  private void fakeTool(String name) throws IOException {
    script(name, "exit 0");
  }

  private void script(String name, String body) throws IOException {
    Path tool = bin.resolve(name);
    Files.writeString(tool, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Result build(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(BASH));
    command.add(SCRIPT.toString());
    command.addAll(List.of(args));
    return run(command);
  }

  private Result run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", bin.toString());
    builder.environment().put("MVNW", "echo");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  private record Result(int exit, String output) {}
}
