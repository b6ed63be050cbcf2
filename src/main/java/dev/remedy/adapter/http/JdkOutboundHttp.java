package dev.remedy.adapter.http;

import dev.remedy.run.FailureReason;
import dev.remedy.run.IdempotencyKey;
import dev.remedy.run.OutboundHttp;
import dev.remedy.run.StepFailedException;
import dev.remedy.run.StepFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code http} action on the JDK HTTP client: allowed hosts only, no redirects (a 3xx is the
 * answer, so a redirect cannot lead to another host), private addresses refused unless allowed, the
 * step's timeout for the whole exchange. The engine retries per the step's {@code retry}; this
 * class never retries.
 */
@ApplicationScoped
public class JdkOutboundHttp implements OutboundHttp {

  private final List<String> allowedHosts;
  private final boolean allowPrivate;
  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public JdkOutboundHttp(HttpActionConfig config) {
    this.allowedHosts =
        config.allowedHosts().orElse(List.of()).stream()
            .map(h -> h.trim().toLowerCase(Locale.ROOT))
            .filter(h -> !h.isEmpty())
            .toList();
    this.allowPrivate = config.allowPrivateAddresses();
  }

  @Override
  public int call(
      IdempotencyKey key,
      String method,
      String url,
      Map<String, String> headers,
      Optional<String> body,
      Duration timeout) {
    URI uri = checked(url);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Idempotency-Key", key.value())
            .header("User-Agent", "remedy")
            .method(
                method,
                body.map(HttpRequest.BodyPublishers::ofString)
                    .orElse(HttpRequest.BodyPublishers.noBody()));
    headers.forEach(request::header);
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (HttpTimeoutException e) {
      throw new StepFailedException(
          StepFailure.retryable(
              FailureReason.TIMEOUT, method + " " + uri + ": no answer within " + timeout));
    } catch (IOException e) {
      throw new StepFailedException(
          StepFailure.retryable(
              FailureReason.UNAVAILABLE,
              method
                  + " "
                  + uri
                  + ": "
                  + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : " " + e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException(
          StepFailure.retryable(FailureReason.TIMEOUT, method + " " + uri + ": interrupted"));
    } catch (IllegalArgumentException e) {
      throw new StepFailedException(
          StepFailure.permanent(FailureReason.INVALID, method + " " + uri + ": " + e.getMessage()));
    }
  }

  private URI checked(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw forbidden("not a valid URL: " + url);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw forbidden("only http and https URLs with a host can be called: " + url);
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (!allowed(host)) {
      throw forbidden(
          "host "
              + host
              + " is not in remedy.http.allowed-hosts"
              + (allowedHosts.isEmpty() ? " (none allowed)" : " " + allowedHosts));
    }
    if (!allowPrivate) {
      try {
        for (InetAddress address : InetAddress.getAllByName(host)) {
          if (address.isLoopbackAddress()
              || address.isSiteLocalAddress()
              || address.isLinkLocalAddress()
              || address.isAnyLocalAddress()
              || isUniqueLocal(address)) {
            throw forbidden(
                "host "
                    + host
                    + " resolves to the private address "
                    + address.getHostAddress()
                    + " (remedy.http.allow-private-addresses is off)");
          }
        }
      } catch (UnknownHostException e) {
        throw new StepFailedException(
            StepFailure.retryable(FailureReason.UNAVAILABLE, "host " + host + " does not resolve"));
      }
    }
    return uri;
  }

  private boolean allowed(String host) {
    for (String pattern : allowedHosts) {
      if (pattern.startsWith("*.")
          ? host.endsWith(pattern.substring(1)) && host.length() > pattern.length() - 1
          : host.equals(pattern)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isUniqueLocal(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
  }

  private static StepFailedException forbidden(String message) {
    return new StepFailedException(StepFailure.permanent(FailureReason.FORBIDDEN, message));
  }
}
