package dev.remedy.adapter.alertmanager;

import dev.remedy.adapter.alertmanager.WebhookMetrics.Outcome;
import dev.remedy.alert.AlertIngest.IngestResult;
import dev.remedy.alert.ConcurrentIngestException;
import dev.remedy.alert.GroupCommit;
import dev.remedy.alert.IngestRejectedException;
import dev.remedy.alert.Notification;
import dev.remedy.api.Problem;
import dev.remedy.api.ProblemException;
import dev.remedy.api.StoreFailures;
import dev.remedy.config.WebhookConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /webhooks/alertmanager}: Alertmanager's webhook receiver. Answers 202 once the
 * notification is durably stored, 5xx when it could not be (Alertmanager retries those), and 4xx
 * only for a request that can never succeed.
 *
 * <p>Storing is asynchronous for the HTTP layer: the notification goes to {@link GroupCommit},
 * which stores it in a transaction shared with the other requests waiting at that moment, and the
 * answer is written once that transaction has committed. No thread is held while it waits.
 */
@Path("/webhooks/alertmanager")
@Tag(name = "webhooks")
public class AlertmanagerWebhookResource {

  /** A full backlog drains within a second or two at the rates this service takes. */
  private static final int RETRY_AFTER_BACKLOG_SECONDS = 1;

  /** Another replica (behind the same Service) can take it meanwhile. */
  private static final int RETRY_AFTER_SHUTDOWN_SECONDS = 5;

  private final GroupCommit groupCommit;
  private final WebhookPayloadReader reader;
  private final WebhookMetrics metrics;
  private final Optional<WebhookToken> token;
  private final long maxBody;

  public AlertmanagerWebhookResource(
      GroupCommit groupCommit,
      WebhookPayloadReader reader,
      WebhookMetrics metrics,
      WebhookConfig config) {
    this.groupCommit = groupCommit;
    this.reader = reader;
    this.metrics = metrics;
    this.token = config.token().filter(t -> !t.isBlank()).map(WebhookToken::new);
    this.maxBody = config.maxBody().asLongValue();
  }

  /**
   * Runs on the event loop: checking, parsing and validating a body of at most {@code
   * remedy.webhook.max-body} is CPU work, and storing does not happen on this thread.
   */
  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Receive an Alertmanager notification (webhook payload version 4)")
  public CompletionStage<Response> receive(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      byte[] body) {
    if (token.isPresent() && !token.get().acceptsHeader(authorization)) {
      return refuse(Outcome.UNAUTHORIZED, unauthorized());
    }
    if (!isJson(contentType)) {
      return refuse(Outcome.UNSUPPORTED_MEDIA_TYPE, unsupportedMediaType(contentType));
    }
    if (body.length > maxBody) {
      return refuse(Outcome.TOO_LARGE, tooLarge(body.length));
    }
    Notification notification;
    try {
      notification = WebhookPayloadMapper.toNotification(reader.read(body));
    } catch (ProblemException invalid) {
      metrics.notification(Outcome.INVALID);
      Log.debugf("refused Alertmanager notification: %s", invalid.problem().detail());
      throw invalid;
    }
    CompletionStage<IngestResult> stored;
    try {
      stored = groupCommit.submit(notification);
    } catch (IngestRejectedException rejected) {
      return CompletableFuture.completedFuture(rejected(rejected));
    }
    return stored.handle(
        (result, failure) -> {
          if (failure != null) {
            return notStored(unwrap(failure));
          }
          return accepted(notification, result);
        });
  }

  private Response accepted(Notification notification, IngestResult result) {
    metrics.notification(result.duplicateDelivery() ? Outcome.DUPLICATE : Outcome.ACCEPTED);
    metrics.accepted(notification.alerts(), notification.truncatedAlerts());
    if (notification.truncatedAlerts() > 0) {
      Log.warnf(
          "Alertmanager left %d alerts out of group %s (receiver %s): raise the receiver's"
              + " max_alerts or they will never be remediated",
          notification.truncatedAlerts(), notification.groupKey(), notification.receiver());
    }
    return Response.accepted(IngestResponse.of(result, notification.truncatedAlerts())).build();
  }

  /**
   * A failure to store: counted here, answered by the problem mappers (503 for the store, 500 for a
   * bug), as when the request stored synchronously.
   */
  private Response notStored(Throwable failure) {
    if (failure instanceof IngestRejectedException rejected) {
      return rejected(rejected);
    }
    if (failure instanceof ConcurrentIngestException || StoreFailures.isStoreFailure(failure)) {
      metrics.notification(Outcome.STORE_UNAVAILABLE);
    }
    throw failure instanceof RuntimeException runtime ? runtime : new CompletionException(failure);
  }

  private Response rejected(IngestRejectedException rejected) {
    return switch (rejected.reason()) {
      case BACKLOG_FULL -> {
        metrics.notification(Outcome.BACKLOG_FULL);
        yield unavailable(
            "backlog-full",
            "Too many notifications waiting",
            "More notifications are waiting to be stored than remedy.ingest.queue-capacity"
                + " allows; nothing was stored. Retry later.",
            RETRY_AFTER_BACKLOG_SECONDS);
      }
      case SHUTTING_DOWN -> {
        metrics.notification(Outcome.SHUTTING_DOWN);
        yield unavailable(
            "shutting-down",
            "Shutting down",
            "This instance is shutting down; nothing was stored. Retry later.",
            RETRY_AFTER_SHUTDOWN_SECONDS);
      }
    };
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static Response unavailable(String slug, String title, String detail, int retryAfter) {
    return Problem.of(slug, title, Response.Status.SERVICE_UNAVAILABLE, detail)
        .toResponseBuilder()
        .header("Retry-After", retryAfter)
        .build();
  }

  private CompletionStage<Response> refuse(Outcome outcome, Response response) {
    metrics.notification(outcome);
    return CompletableFuture.completedFuture(response);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals(MediaType.APPLICATION_JSON) || type.endsWith("+json");
  }

  private static Response unauthorized() {
    return Problem.of(
            "unauthorized",
            "Webhook token required",
            Response.Status.UNAUTHORIZED,
            "Present remedy.webhook.token as a Bearer token or as the Basic-auth password.")
        .toResponseBuilder()
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"remedy-webhook\"")
        .build();
  }

  private static Response unsupportedMediaType(String contentType) {
    return Problem.of(
            "unsupported-media-type",
            "Unsupported media type",
            Response.Status.UNSUPPORTED_MEDIA_TYPE,
            "Expected Content-Type application/json, got "
                + (contentType == null ? "none" : "\"" + contentType + "\"")
                + ".")
        .toResponse();
  }

  private Response tooLarge(int size) {
    return Problem.of(
            "payload-too-large",
            "Notification too large",
            Response.Status.REQUEST_ENTITY_TOO_LARGE,
            "The body has "
                + size
                + " bytes; the limit is "
                + maxBody
                + " (remedy.webhook.max-body). Lower the receiver's max_alerts in Alertmanager.")
        .with("limit", maxBody)
        .toResponse();
  }

  /**
   * The 202 body. {@code runs} are the runs this delivery created, {@code duplicates} the alert ×
   * workflow pairs that already had an active run, {@code suppressed} those a guard refused; {@code
   * newAlertStates} and {@code duplicateDelivery} say what was new about this delivery. Registered
   * for reflection by hand: handed to {@code Response.accepted}, it is not a return type Quarkus
   * registers for the native image.
   */
  @RegisterForReflection
  public record IngestResponse(
      long notification,
      int alerts,
      int newAlertStates,
      boolean duplicateDelivery,
      int truncatedAlerts,
      List<RunSummary> runs,
      int duplicates,
      int suppressed) {

    static IngestResponse of(IngestResult result, int truncatedAlerts) {
      return new IngestResponse(
          result.notificationId(),
          result.alerts(),
          result.newAlertStates(),
          result.duplicateDelivery(),
          truncatedAlerts,
          result.runs().runs().stream()
              .map(r -> new RunSummary(r.id(), r.workflow(), r.status().wireName()))
              .toList(),
          result.runs().duplicates(),
          result.runs().suppressed());
    }
  }

  /** A run created by a notification. */
  @RegisterForReflection
  public record RunSummary(String id, String workflow, String status) {}
}
