package dev.remedy.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.remedy.testsupport.PackagedLauncher;
import dev.remedy.testsupport.Payloads;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service as a process of its own, as it runs in production: the native binary when
 * one was built (failsafe passes {@code native.image.path}), else {@code java -jar
 * target/quarkus-app/quarkus-run.jar} (the same choice as {@code cli.PackagedApp}). The default
 * (prod) profile with every setting given as a system property, so that nothing of the test profile
 * (in-memory database, Flyway clean at start) applies. The process is the JVM or the binary itself,
 * never a shell, so that {@link #kill()} is a SIGKILL of the service.
 */
final class PackagedService implements AutoCloseable {

  static final String TOKEN = "it-webhook-token";
  private static final String VIEWER = "vera";
  private static final String VIEWER_PASSWORD = "vera-pw";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String name;
  private final Process process;
  private final Path log;
  private final int port;

  private PackagedService(String name, Process process, Path log, int port) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts the service in {@code workDir} with {@code config} (system properties) on a free port,
   * the webhook token {@link #TOKEN} and the viewer {@code vera}, and waits until it is ready. Its
   * output goes to {@code target/it-logs/<name>.log}, kept for a look after a failure.
   */
  static PackagedService start(String name, Path workDir, Map<String, String> config)
      throws IOException, InterruptedException {
    int port = freePort();
    Map<String, String> properties = new TreeMap<>();
    properties.put("quarkus.http.host", "127.0.0.1");
    properties.put("quarkus.http.port", Integer.toString(port));
    properties.put("remedy.webhook.token", TOKEN);
    properties.put("quarkus.security.users.embedded.users." + VIEWER, VIEWER_PASSWORD);
    properties.put("quarkus.security.users.embedded.roles." + VIEWER, "viewer");
    // Readable logs for whoever looks at a failure (the prod profile logs JSON).
    properties.put("%prod.quarkus.log.console.json.enabled", "false");
    properties.putAll(config);

    List<String> launcher = PackagedLauncher.command();
    List<String> command = new ArrayList<>();
    command.add(launcher.getFirst());
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(launcher.subList(1, launcher.size()));

    Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .start();
    PackagedService service = new PackagedService(name, process, log, port);
    try {
      service.assertIsTheServiceItself(launcher.getFirst());
      service.awaitReady(Duration.ofSeconds(120));
    } catch (RuntimeException | AssertionError e) {
      process.destroyForcibly();
      throw e;
    }
    return service;
  }

  private void assertIsTheServiceItself(String executable) {
    String command = process.info().command().orElse(executable);
    assertThat(Path.of(command).getFileName().toString())
        .as("the process started is the service itself (pid %d), not a wrapper", process.pid())
        .isEqualTo(Path.of(executable).getFileName().toString());
  }

  private void awaitReady(Duration limit) {
    try {
      await()
          .atMost(limit)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new AssertionError(
                      name
                          + " exited with "
                          + process.exitValue()
                          + " before it was ready:\n"
                          + logTail());
                }
                return ready();
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(name + " not ready within " + limit + ":\n" + logTail(), e);
    }
  }

  private boolean ready() throws InterruptedException {
    try {
      return CLIENT
              .send(
                  HttpRequest.newBuilder(uri("/q/health/ready"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode()
          == 200;
    } catch (IOException notListeningYet) {
      return false;
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Posts a notification to the Alertmanager webhook; answers the 202 body. */
  /**
   * Posts one firing alert (labels {@code alertname} and {@code target}) and answers the id of the
   * one run it must have created.
   */
  String startRun(String alertname, String fingerprint, Instant startsAt, String target)
      throws IOException, InterruptedException {
    JsonNode answer =
        postAlert(
            Payloads.alert(
                "firing", fingerprint, startsAt, "alertname", alertname, "target", target));
    assertThat(answer.path("runs")).as("runs created by alert %s", fingerprint).hasSize(1);
    return answer.path("runs").path(0).path("id").asText();
  }

  JsonNode postAlert(String payload) throws IOException, InterruptedException {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(uri("/webhooks/alertmanager"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("webhook answer %s", response.body()).isEqualTo(202);
    return JSON.readTree(response.body());
  }

  /** GET of an {@code /api/v1} path as the viewer; answers the 200 body. */
  JsonNode api(String path) throws IOException, InterruptedException {
    String basic =
        Base64.getEncoder()
            .encodeToString((VIEWER + ":" + VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** The sum of the Prometheus samples named {@code name} that have all of {@code labels}. */
  double metric(String name, Map<String, String> labels) throws IOException, InterruptedException {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(uri("/q/metrics")).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    double sum = 0;
    for (String line : response.body().lines().toList()) {
      if (line.startsWith(name + "{") && sampleHas(line, labels)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private static boolean sampleHas(String line, Map<String, String> labels) {
    String set = line.substring(line.indexOf('{') + 1, line.lastIndexOf('}'));
    Map<String, String> present = new LinkedHashMap<>();
    for (String pair : set.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        present.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
      }
    }
    return labels.entrySet().stream().allMatch(e -> e.getValue().equals(present.get(e.getKey())));
  }

  /**
   * SIGKILL: {@link Process#destroyForcibly()} of the JVM (or binary) itself; no shutdown hook,
   * nothing flushed. The exit status 137 (128 + 9) proves the signal.
   */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(name + " died").isTrue();
    assertThat(process.exitValue()).as(name + " exit status after SIGKILL").isEqualTo(137);
  }

  /** An assertion error that tells what went wrong and ends with the tail of the log. */
  AssertionError failure(String what, Throwable cause) {
    return new AssertionError(what + "\n---- last lines of " + log + ":\n" + logTail(), cause);
  }

  /** Where the service's output goes. */
  Path logFile() {
    return log;
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * SIGTERM, and waits up to 60 s for the process to end by itself; answers its exit status.
   *
   * @throws AssertionError when it is still running after 60 s (it is then killed)
   */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw failure(name + " still running 60 s after SIGTERM", null);
    }
    return process.exitValue();
  }

  /** A graceful stop (SIGTERM), forced after 30 s. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
