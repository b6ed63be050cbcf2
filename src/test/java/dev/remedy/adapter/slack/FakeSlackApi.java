package dev.remedy.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local fake of the Slack Web API for Quarkus tests: records every call (method, token, JSON
 * body) and answers {@code ok} with a message {@code ts}, or what a test scripted (HTTP 500, {@code
 * ratelimited} with {@code Retry-After}).
 */
public class FakeSlackApi implements QuarkusTestResourceLifecycleManager {

  /** One call as Slack would see it. */
  public record Call(String method, String authorization, JsonNode body) {}

  /** A scripted answer: HTTP status, JSON body, optional Retry-After seconds. */
  public record Answer(int status, String body, String retryAfter) {}

  static final String SIGNING_SECRET = "e2e-signing-secret-0123456789abcdef";

  private static final List<Call> CALLS = new CopyOnWriteArrayList<>();
  private static final Deque<Answer> SCRIPT = new ArrayDeque<>();
  private static final AtomicInteger TS = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();
  private HttpServer server;

  public static List<Call> calls() {
    return List.copyOf(CALLS);
  }

  public static List<Call> calls(String method) {
    return CALLS.stream().filter(c -> c.method().equals(method)).toList();
  }

  public static synchronized void next(Answer answer) {
    SCRIPT.add(answer);
  }

  public static synchronized void reset() {
    CALLS.clear();
    SCRIPT.clear();
  }

  private static synchronized Answer scripted() {
    return SCRIPT.poll();
  }

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/api/",
        exchange -> {
          String method = exchange.getRequestURI().getPath().substring("/api/".length());
          JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
          CALLS.add(new Call(method, exchange.getRequestHeaders().getFirst("Authorization"), body));
          Answer answer = scripted();
          if (answer == null) {
            answer =
                new Answer(
                    200,
                    "{\"ok\":true,\"channel\":\"C0APPROVAL\",\"ts\":\"1700000000.0001"
                        + String.format("%02d", TS.incrementAndGet() % 100)
                        + "\"}",
                    null);
          }
          if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
          }
          byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(answer.status(), bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return Map.of(
        "remedy.slack.api-url",
        "http://127.0.0.1:" + server.getAddress().getPort() + "/api",
        "remedy.slack.bot-token",
        "xoxb-fake-token",
        "remedy.slack.channel",
        "#sre-approvals",
        "remedy.slack.delivery-interval",
        "1h",
        "remedy.slack.signing-secret",
        SIGNING_SECRET);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
