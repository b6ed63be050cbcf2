package dev.remedy.run;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Port: the {@code http} action's calls to endpoints on allowed hosts. */
public interface OutboundHttp {

  /**
   * Sends one request and answers its status. The request carries the header {@code
   * Idempotency-Key: <runId>/<stepId>}.
   *
   * <p>Repeat: a re-execution sends the request again with the same {@code Idempotency-Key}; the
   * endpoint decides whether that is harmless (the workflow author picks endpoints that are).
   *
   * @throws StepFailedException {@code FORBIDDEN} for a host not in {@code
   *     remedy.http.allowed-hosts} or a private address, {@code UNAVAILABLE} (retryable) when the
   *     host cannot be reached, {@code TIMEOUT} (retryable) past {@code timeout}
   */
  int call(
      IdempotencyKey key,
      String method,
      String url,
      Map<String, String> headers,
      Optional<String> body,
      Duration timeout);
}
