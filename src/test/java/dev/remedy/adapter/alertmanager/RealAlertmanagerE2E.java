package dev.remedy.adapter.alertmanager;

import static dev.remedy.testsupport.Api.asViewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.remedy.testsupport.TestDatabase;
import dev.remedy.testsupport.Webhook;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the webhook with a real Alertmanager (Debian's {@code prometheus-alertmanager} 0.25):
 * alerts posted to its v2 API must arrive, authenticated with the Bearer token, as firing and then
 * resolved alert states under Alertmanager's own fingerprint. Skipped when no binary is installed.
 */
@QuarkusTest
class RealAlertmanagerE2E {

  private static final List<String> BINARY_CANDIDATES =
      List.of("/usr/bin/prometheus-alertmanager", "alertmanager", "prometheus-alertmanager");
  private static final String RECEIVER = "remedy-e2e";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  private static final int LOG_TAIL_LINES = 60;

  @TestHTTPResource("/webhooks/alertmanager")
  URL webhookUrl;

  @Inject TestDatabase database;

  private Path workDir;
  private Path logFile;
  private Process alertmanager;
  private int alertmanagerPort;

  @BeforeEach
  void startAlertmanager() throws IOException {
    Optional<Path> binary = findAlertmanagerBinary();
    assumeTrue(
        binary.isPresent(),
        "no Alertmanager binary (looked for "
            + BINARY_CANDIDATES
            + " on PATH): apt-get install prometheus-alertmanager to run this end-to-end test");
    database.clear();

    workDir = Files.createTempDirectory("remedy-e2e-alertmanager");
    Path config = workDir.resolve("alertmanager.yml");
    Files.writeString(config, alertmanagerConfig(), StandardCharsets.UTF_8);
    Path storage = Files.createDirectory(workDir.resolve("data"));
    logFile = workDir.resolve("alertmanager.log");
    alertmanagerPort = freePort();

    alertmanager =
        new ProcessBuilder(
                binary.get().toString(),
                "--config.file=" + config,
                "--storage.path=" + storage,
                "--web.listen-address=127.0.0.1:" + alertmanagerPort,
                "--cluster.listen-address=",
                "--log.level=debug")
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile())
            .start();

    eventually(
        "Alertmanager answers /-/ready",
        READY_TIMEOUT,
        () -> alertmanagerApi().get("/-/ready").then().statusCode(200));
  }

  @AfterEach
  void stopAlertmanager() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.destroy();
      if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
        alertmanager.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      alertmanager = null;
    }
    if (workDir != null) {
      deleteRecursively(workDir);
      workDir = null;
    }
  }

  @Test
  void alertFiredAndResolvedInAlertmanagerIsStoredUnderItsFingerprint() {
    String alertname = "RemedyE2E" + UUID.randomUUID().toString().replace("-", "");
    Map<String, String> labels =
        Map.of(
            "alertname", alertname,
            "namespace", "e2e",
            "deployment", "web",
            "severity", "critical");
    Map<String, String> annotations =
        Map.of("summary", "Pod web-e2e is crash looping", "runbook", "restart-deployment");
    Instant startsAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String generatorUrl = "http://prometheus.example:9090/graph?g0.expr=kube_pod_restarts";

    postToAlertmanager(alert(labels, annotations, startsAt, null, generatorUrl));
    String fingerprint = alertmanagerFingerprintOf(alertname);

    eventually(
        "a firing alert state with Alertmanager's fingerprint " + fingerprint,
        DELIVERY_TIMEOUT,
        () -> {
          JsonPath firing = storedAlerts(fingerprint, "firing");
          assertThat(firing.getList("items")).hasSize(1);
          assertThat(firing.getString("items[0].fingerprint")).isEqualTo(fingerprint);
          assertThat(firing.getString("items[0].status")).isEqualTo("firing");
          assertThat(firing.getMap("items[0].labels", String.class, String.class))
              .isEqualTo(labels);
          assertThat(firing.getMap("items[0].annotations", String.class, String.class))
              .isEqualTo(annotations);
          assertThat(Instant.parse(firing.getString("items[0].startsAt"))).isEqualTo(startsAt);
          assertThat(firing.getString("items[0].endsAt")).isNull();
          assertThat(firing.getString("items[0].generatorURL")).isEqualTo(generatorUrl);
          assertThat(firing.getString("items[0].receiver")).isEqualTo(RECEIVER);
          assertThat(firing.getString("items[0].groupKey"))
              .isEqualTo("{}:{alertname=\"" + alertname + "\"}");
        });

    Instant endsAt = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
    postToAlertmanager(alert(labels, annotations, startsAt, endsAt, generatorUrl));

    eventually(
        "a resolved alert state with Alertmanager's fingerprint " + fingerprint,
        DELIVERY_TIMEOUT,
        () -> {
          JsonPath resolved = storedAlerts(fingerprint, "resolved");
          assertThat(resolved.getList("items")).hasSize(1);
          assertThat(resolved.getString("items[0].fingerprint")).isEqualTo(fingerprint);
          assertThat(resolved.getString("items[0].status")).isEqualTo("resolved");
          assertThat(resolved.getMap("items[0].labels", String.class, String.class))
              .isEqualTo(labels);
          assertThat(resolved.getString("items[0].endsAt")).isNotNull();
          assertThat(Instant.parse(resolved.getString("items[0].endsAt"))).isEqualTo(endsAt);
          assertThat(Instant.parse(resolved.getString("items[0].startsAt"))).isEqualTo(startsAt);
          assertThat(resolved.getString("items[0].receiver")).isEqualTo(RECEIVER);
        });

    JsonPath history = storedAlerts(fingerprint, null);
    assertThat(history.getList("items.status", String.class))
        .as("newest first: the resolved state, then the firing one")
        .containsExactly("resolved", "firing");
    assertThat(failedWebhookNotifications())
        .as("webhook deliveries Alertmanager counted as failed\n%s", alertmanagerLogTail())
        .isZero();
  }

  private String alertmanagerConfig() {
    return """
        route:
          receiver: %s
          group_by: [alertname]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: %s
            webhook_configs:
              - url: "%s"
                send_resolved: true
                http_config:
                  authorization:
                    credentials: "%s"
        """
        .formatted(RECEIVER, RECEIVER, webhookUrl, Webhook.TOKEN);
  }

  private static Map<String, Object> alert(
      Map<String, String> labels,
      Map<String, String> annotations,
      Instant startsAt,
      Instant endsAt,
      String generatorUrl) {
    return endsAt == null
        ? Map.of(
            "labels", labels,
            "annotations", annotations,
            "startsAt", startsAt.toString(),
            "generatorURL", generatorUrl)
        : Map.of(
            "labels", labels,
            "annotations", annotations,
            "startsAt", startsAt.toString(),
            "endsAt", endsAt.toString(),
            "generatorURL", generatorUrl);
  }

  private void postToAlertmanager(Map<String, Object> alert) {
    int status =
        alertmanagerApi()
            .contentType(ContentType.JSON)
            .body(List.of(alert))
            .post("/api/v2/alerts")
            .then()
            .extract()
            .statusCode();
    assertThat(status).as("POST /api/v2/alerts\n%s", alertmanagerLogTail()).isEqualTo(200);
  }

  private String alertmanagerFingerprintOf(String alertname) {
    JsonPath alerts =
        alertmanagerApi()
            .queryParam("filter", "alertname=\"" + alertname + "\"")
            .get("/api/v2/alerts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> fingerprints = alerts.getList("fingerprint", String.class);
    assertThat(fingerprints)
        .as("Alertmanager's alerts named %s\n%s", alertname, alertmanagerLogTail())
        .hasSize(1);
    return fingerprints.get(0);
  }

  private double failedWebhookNotifications() {
    String metrics = alertmanagerApi().get("/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(line -> line.startsWith("alertmanager_notifications_failed_total{"))
        .filter(line -> line.contains("integration=\"webhook\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static JsonPath storedAlerts(String fingerprint, String status) {
    RequestSpecification request = asViewer().queryParam("fingerprint", fingerprint);
    if (status != null) {
      request.queryParam("status", status);
    }
    return request.get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
  }

  /** Alertmanager's HTTP API, addressed explicitly so that RestAssured's app defaults stay put. */
  private RequestSpecification alertmanagerApi() {
    return given().baseUri("http://127.0.0.1").port(alertmanagerPort).basePath("");
  }

  private void eventually(String what, Duration timeout, ThrowingRunnable assertion) {
    try {
      await(what)
          .atMost(timeout)
          .pollInterval(POLL_INTERVAL)
          .ignoreExceptions()
          .failFast("Alertmanager exited", () -> !alertmanager.isAlive())
          .untilAsserted(assertion);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      throw new AssertionError(e.getMessage() + "\n" + alertmanagerLogTail(), e);
    }
  }

  private String alertmanagerLogTail() {
    if (logFile == null || !Files.exists(logFile)) {
      return "(no Alertmanager log)";
    }
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      return "--- last "
          + tail.size()
          + " lines of "
          + logFile
          + " ---\n"
          + String.join("\n", tail);
    } catch (IOException e) {
      return "(could not read " + logFile + ": " + e + ")";
    }
  }

  private static Optional<Path> findAlertmanagerBinary() {
    List<Path> path =
        Arrays.stream(
                Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
            .filter(dir -> !dir.isBlank())
            .map(Path::of)
            .toList();
    return BINARY_CANDIDATES.stream()
        .flatMap(
            candidate ->
                candidate.contains("/")
                    ? Stream.of(Path.of(candidate))
                    : path.stream().map(dir -> dir.resolve(candidate)))
        .filter(Files::isRegularFile)
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
