package dev.remedy.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local fake of the Slack Web API for the Quarkus slice tests: records every call (method, bot
 * token, JSON body) and answers {@code {"ok":true}}, or what a test sets.
 */
public class FakeSlackWebApi implements QuarkusTestResourceLifecycleManager {

  /** One call to the Web API. */
  record Call(String method, String authorization, JsonNode body) {}

  private static final List<Call> CALLS = new CopyOnWriteArrayList<>();
  private static volatile String answer = "{\"ok\":true}";
  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/", FakeSlackWebApi::handle);
    server.start();
    return Map.of(
        "remedy.slack.api-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/api");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestURI().getPath().substring("/api/".length());
    CALLS.add(
        new Call(
            method,
            exchange.getRequestHeaders().getFirst("Authorization"),
            new ObjectMapper().readTree(exchange.getRequestBody())));
    byte[] body = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  static List<Call> calls(String method) {
    return CALLS.stream().filter(c -> c.method().equals(method)).toList();
  }

  static void answer(String json) {
    answer = json;
  }
}
