package dev.remedy.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test resources, such as the Alertmanager 0.25 payloads captured in {@code alertmanager/}. */
public final class Fixtures {

  public static final String FIRING_TWO_ALERTS = "alertmanager/firing-two-alerts.json";
  public static final String RESOLVED = "alertmanager/resolved.json";
  public static final String KUBE_POD_CRASH_LOOPING = "alertmanager/kube-pod-crashlooping.json";

  private Fixtures() {}

  public static String read(String resource) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file of the repository, relative to its root (the working directory of the tests). */
  public static String readFile(String path) {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A valid workflow named {@code name} that matches {@code alertname} and has one step, a notify
   * with {@code text}.
   */
  public static String notifyWorkflow(String name, String alertname, String text) {
    return """
        apiVersion: remedy/v1
        kind: Workflow
        metadata:
          name: %s
        spec:
          matchers: [ 'alertname = %s' ]
          steps:
            - id: tell
              action: notify
              with: { text: "%s" }
        """
        .formatted(name, alertname, text);
  }

  /** A new temporary directory, for tests that need one before JUnit's {@code @TempDir} exists. */
  public static java.nio.file.Path tempDirectory(String prefix) {
    try {
      return java.nio.file.Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
