package dev.remedy.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * What {@code http} steps call in the engine ITs: a local server that takes 300 to 800 ms per call
 * and records, per call, the {@code Idempotency-Key}, when it started and ended, and what it
 * answered. It also notices two calls with the same key at the same time as they happen.
 */
final class SlowEndpoint implements AutoCloseable {

  /** One call; nanos are {@link System#nanoTime()} of this JVM. */
  record Call(String key, long startNanos, long endNanos, int status) {

    boolean overlaps(Call other) {
      return startNanos < other.endNanos && other.startNanos < endNanos;
    }
  }

  /** The status to answer the {@code nth} call (1-based) with {@code key}. */
  interface Answers {
    int status(String key, int nth);
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final int minMillis;
  private final int maxMillis;
  private final Answers answers;
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
  private final List<String> concurrentKeys = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger inFlight = new AtomicInteger();

  SlowEndpoint(int minMillis, int maxMillis, Answers answers) throws IOException {
    this.minMillis = minMillis;
    this.maxMillis = maxMillis;
    this.answers = answers;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /**
   * Writes {@code dir/<name>.yaml}: a workflow for alerts named {@code alertname} whose steps are
   * {@code http} POSTs to this endpoint (path {@code /slow/<run id>/<step id>}), each with {@code
   * timeout: 6s} and {@code retry: { attempts: 5, backoff: 1s, maxBackoff: 2s }}.
   */
  void writeWorkflow(Path dir, String name, String alertname, List<String> stepIds)
      throws IOException {
    StringBuilder steps = new StringBuilder();
    for (String step : stepIds) {
      steps.append(
          """
              - id: %s
                action: http
                with:
                  method: POST
                  url: "http://127.0.0.1:%d/slow/{{ run.id }}/%s"
                timeout: 6s
                retry: { attempts: 5, backoff: 1s, maxBackoff: 2s }
          """
              .formatted(step, port(), step));
    }
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve(name + ".yaml"),
        """
        apiVersion: remedy/v1
        kind: Workflow
        metadata:
          name: %s
        spec:
          matchers:
            - alertname = %s
          steps:
        %s"""
            .formatted(name, alertname, steps));
  }

  private void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    key = key == null ? "(none)" : key;
    int nth = seen.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    if (active.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
      concurrentKeys.add(key);
    }
    inFlight.incrementAndGet();
    int status = key.equals("(none)") ? 400 : answers.status(key, nth);
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      Thread.sleep(ThreadLocalRandom.current().nextInt(minMillis, maxMillis + 1));
      exchange.sendResponseHeaders(status, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException callerGone) {
      // the caller was killed or gave up: the call still happened
    } finally {
      active.get(key).decrementAndGet();
      inFlight.decrementAndGet();
      calls.add(new Call(key, start, System.nanoTime(), status));
    }
  }

  /** Calls that have ended, in the order they ended. */
  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  int inFlight() {
    return inFlight.get();
  }

  int completed() {
    return calls.size();
  }

  /** Ended calls per key. */
  Map<String, Long> callsPerKey() {
    return calls().stream().collect(Collectors.groupingBy(Call::key, Collectors.counting()));
  }

  /** The calls with {@code key}: start and end in ms relative to {@code origin} (nanoTime). */
  List<String> callsOf(String key, long origin) {
    return calls().stream()
        .filter(c -> c.key().equals(key))
        .map(
            c ->
                "[%+d ms, %+d ms] %d"
                    .formatted(
                        (c.startNanos() - origin) / 1_000_000,
                        (c.endNanos() - origin) / 1_000_000,
                        c.status()))
        .toList();
  }

  /** Keys that had two calls at the same time, seen when the second one arrived. */
  List<String> concurrentKeys() {
    synchronized (concurrentKeys) {
      return List.copyOf(concurrentKeys);
    }
  }

  /** Pairs of ended calls with the same key whose intervals overlap. */
  List<String> overlappingCalls() {
    List<String> found = new ArrayList<>();
    calls().stream()
        .collect(Collectors.groupingBy(Call::key))
        .forEach(
            (key, list) -> {
              for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                  if (list.get(i).overlaps(list.get(j))) {
                    found.add(key + ": " + list.get(i) + " and " + list.get(j));
                  }
                }
              }
            });
    return found;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
