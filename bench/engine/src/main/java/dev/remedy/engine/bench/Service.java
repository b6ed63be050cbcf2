package dev.remedy.engine.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged service, started as a child process and stopped at the end (or on Ctrl-C). */
final class Service implements AutoCloseable {

  private final Process process;
  private final Path log;

  private Service(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static Service start(Path java, Path jar, List<String> options, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(options);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    Files.writeString(log.resolveSibling("server.cmd"), String.join(" ", command) + "\n");
    Service service = new Service(builder.start(), log);
    Runtime.getRuntime().addShutdownHook(new Thread(service::close));
    return service;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits until GET /q/health/ready answers 200; fails with the log's tail otherwise. */
  void awaitReady(HttpClient http, String base, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the service exited during start-up (code " + process.exitValue() + "):\n" + tail(30));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the service was not ready after " + limit + ":\n" + tail(30));
  }

  /** CPU time of the service process so far (user + system), in clock ticks. */
  long cpuTicks() {
    return Machine.processTicks(process.pid());
  }

  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy(); // SIGTERM: a graceful Quarkus shutdown
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
