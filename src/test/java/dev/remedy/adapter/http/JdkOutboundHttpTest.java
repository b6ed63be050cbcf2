package dev.remedy.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.remedy.run.FailureReason;
import dev.remedy.run.IdempotencyKey;
import dev.remedy.run.StepFailedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http action against a real local server: allow list, private addresses, no redirects. */
class JdkOutboundHttpTest {

  private static final IdempotencyKey KEY = new IdempotencyKey("run-1", "probe");

  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          seen.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Idempotency-Key")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes()));
          int status =
              switch (exchange.getRequestURI().getPath()) {
                case "/redirect" -> {
                  exchange.getResponseHeaders().add("Location", "http://169.254.169.254/");
                  yield 302;
                }
                case "/slow" -> {
                  try {
                    Thread.sleep(2000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  yield 200;
                }
                default -> 204;
              };
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static JdkOutboundHttp http(List<String> hosts, boolean allowPrivate) {
    return new JdkOutboundHttp(
        new HttpActionConfig() {
          @Override
          public Optional<List<String>> allowedHosts() {
            return Optional.of(hosts);
          }

          @Override
          public boolean allowPrivateAddresses() {
            return allowPrivate;
          }
        });
  }

  @Test
  void callsAnAllowedHostWithTheIdempotencyKeyAndBody() {
    int status =
        http(List.of("127.0.0.1"), true)
            .call(
                KEY,
                "POST",
                url("/hook"),
                Map.of("X-Team", "sre"),
                Optional.of("{}"),
                Duration.ofSeconds(5));
    assertThat(status).isEqualTo(204);
    assertThat(seen).containsExactly("POST /hook run-1/probe {}");
  }

  @Test
  void aHostNotInTheAllowListIsForbiddenAndNothingIsSent() {
    assertThatThrownBy(
            () ->
                http(List.of("hooks.example.com"), true)
                    .call(
                        KEY,
                        "GET",
                        url("/hook"),
                        Map.of(),
                        Optional.empty(),
                        Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(
            StepFailedException.class,
            e -> {
              assertThat(e.failure().reason()).isEqualTo(FailureReason.FORBIDDEN);
              assertThat(e.failure().retryable()).isFalse();
              assertThat(e.failure().message())
                  .contains("127.0.0.1 is not in remedy.http.allowed-hosts");
            });
    assertThat(seen).isEmpty();
  }

  @Test
  void anAllowedHostOnAPrivateAddressIsRefusedUnlessAllowed() {
    assertThatThrownBy(
            () ->
                http(List.of("127.0.0.1"), false)
                    .call(
                        KEY,
                        "GET",
                        url("/hook"),
                        Map.of(),
                        Optional.empty(),
                        Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(
            StepFailedException.class,
            e -> assertThat(e.failure().message()).contains("private address 127.0.0.1"));
    assertThat(seen).isEmpty();
  }

  @Test
  void aRedirectIsTheAnswerAndIsNotFollowed() {
    int status =
        http(List.of("127.0.0.1"), true)
            .call(KEY, "GET", url("/redirect"), Map.of(), Optional.empty(), Duration.ofSeconds(5));
    assertThat(status).isEqualTo(302);
    assertThat(seen).hasSize(1);
  }

  @Test
  void noAnswerWithinTheTimeoutIsARetryableTimeout() {
    assertThatThrownBy(
            () ->
                http(List.of("127.0.0.1"), true)
                    .call(
                        KEY,
                        "GET",
                        url("/slow"),
                        Map.of(),
                        Optional.empty(),
                        Duration.ofMillis(300)))
        .isInstanceOfSatisfying(
            StepFailedException.class,
            e -> {
              assertThat(e.failure().reason()).isEqualTo(FailureReason.TIMEOUT);
              assertThat(e.failure().retryable()).isTrue();
            });
  }

  @Test
  void wildcardsAllowSubDomainsOnly() {
    JdkOutboundHttp http = http(List.of("*.example.com"), true);
    assertThatThrownBy(
            () ->
                http.call(
                    KEY,
                    "GET",
                    "https://example.com/x",
                    Map.of(),
                    Optional.empty(),
                    Duration.ofSeconds(1)))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("not in remedy.http.allowed-hosts");
    assertThatThrownBy(
            () ->
                http.call(
                    KEY,
                    "GET",
                    "ftp://a.example.com/x",
                    Map.of(),
                    Optional.empty(),
                    Duration.ofSeconds(1)))
        .hasMessageContaining("only http and https");
  }
}
