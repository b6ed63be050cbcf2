package dev.remedy.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The service as the harness sees it: the Alertmanager webhook and the run API. */
final class Remedy {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String[] ACTIVE = {"queued", "running", "waiting"};

  private final HttpClient http;
  private final String base;
  private final String token;
  private final String basic;
  private final long seed = ThreadLocalRandom.current().nextLong() ^ System.nanoTime();
  private final AtomicLong alerts = new AtomicLong();
  private final int deployments;

  Remedy(
      HttpClient http, String base, String token, String user, String password, int deployments) {
    this.http = http;
    this.base = base;
    this.token = token;
    this.basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.deployments = deployments;
  }

  // ------------------------------------------------------------------ webhook

  /**
   * A version-4 notification with one new firing alert (a fingerprint never sent before): it
   * creates exactly one run of the workflow whose matcher is {@code alertname}.
   */
  String notification(String alertname, String phase) {
    long n = alerts.getAndIncrement();
    String fingerprint = String.format("%016x", mix(seed + n));
    String deployment = "d-" + Math.floorMod(n, deployments);
    String startsAt = Instant.now().minusSeconds(30).toString();
    String labels =
        "{\"alertname\":\""
            + alertname
            + "\",\"namespace\":\""
            + FakeCluster.NAMESPACE
            + "\",\"deployment\":\""
            + deployment
            + "\",\"severity\":\"warning\",\"bench_phase\":\""
            + phase
            + "\"}";
    return "{\"receiver\":\"remedy\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
        + "\"labels\":"
        + labels
        + ",\"annotations\":{\"summary\":\"remedy engine benchmark\"},\"startsAt\":\""
        + startsAt
        + "\",\"endsAt\":\"0001-01-01T00:00:00Z\","
        + "\"generatorURL\":\"http://prometheus.bench:9090/graph\",\"fingerprint\":\""
        + fingerprint
        + "\"}],\"groupLabels\":{\"alertname\":\""
        + alertname
        + "\"},\"commonLabels\":"
        + labels
        + ",\"commonAnnotations\":{\"summary\":\"remedy engine benchmark\"},"
        + "\"externalURL\":\"http://alertmanager.bench:9093\",\"version\":\"4\","
        + "\"groupKey\":\"{}:{alertname=\\\""
        + alertname
        + "\\\"}\",\"truncatedAlerts\":0}";
  }

  /** SplitMix64 finaliser: a bijection, so distinct counters give distinct fingerprints. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  CompletableFuture<HttpResponse<String>> post(String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/webhooks/alertmanager"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("User-Agent", "Alertmanager/0.28.1")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The id of the run a 202 created, if it created one. */
  static Optional<String> createdRun(String body) {
    try {
      JsonNode runs = JSON.readTree(body).path("runs");
      return runs.isArray() && !runs.isEmpty()
          ? Optional.of(runs.get(0).path("id").asText())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  // ------------------------------------------------------------------ run API

  JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", basic)
            .header("Accept", "application/json")
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return null;
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** GET /api/v1/runs/{id}: the run with every step attempt. */
  JsonNode run(String id) throws IOException, InterruptedException {
    return get("/api/v1/runs/" + id);
  }

  /** Every run of {@code workflow} created since {@code since}, newest first (all pages). */
  List<JsonNode> runsSince(String workflow, Instant since)
      throws IOException, InterruptedException {
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          get(
              "/api/v1/runs?limit=500&workflow="
                  + workflow
                  + "&since="
                  + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8)
                  + (cursor == null
                      ? ""
                      : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
      page.path("items").forEach(all::add);
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    return all;
  }

  /** Whether {@code workflow} has no queued, running or waiting run. */
  boolean idle(String workflow) throws IOException, InterruptedException {
    for (String status : ACTIVE) {
      JsonNode page = get("/api/v1/runs?limit=1&workflow=" + workflow + "&status=" + status);
      if (page.path("items").size() > 0) {
        return false;
      }
    }
    return true;
  }

  /** Waits until every run of these workflows has ended; false if {@code limit} passed first. */
  boolean awaitIdle(Duration limit, String... workflows) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      boolean idle = true;
      for (String w : workflows) {
        idle &= idle(w);
      }
      if (idle) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(250);
    }
  }
}
