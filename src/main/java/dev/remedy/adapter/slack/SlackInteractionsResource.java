package dev.remedy.adapter.slack;

import dev.remedy.adapter.slack.SlackInteractionMetrics.Outcome;
import dev.remedy.adapter.slack.SlackSignatures.Verdict;
import dev.remedy.api.Problem;
import dev.remedy.api.ProblemException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /webhooks/slack/interactions}: the Approve and Reject buttons of approval messages.
 * Checks the signature over the raw body (which is why the form is not left to the HTTP layer), the
 * timestamp and that the request is new, then answers 200 with an empty body at once; the decisions
 * are applied afterwards by {@link SlackDecisions}. The only wait before the answer is the insert
 * that makes a replay detectable on every replica.
 *
 * <p>An interaction from a workspace other than {@code remedy.slack.team-id} is acknowledged and
 * ignored, with a warning: its signature proves it came through our Slack app, so it is not an
 * authentication failure, and an error status would only show the clicker Slack's generic failure
 * icon. The approver lists, by user id, decide who may approve in any case.
 */
@Path("/webhooks/slack/interactions")
@Tag(name = "webhooks")
public class SlackInteractionsResource {

  static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
  static final String SIGNATURE_HEADER = "X-Slack-Signature";

  private final Optional<SlackSignatures> signatures;
  private final Optional<String> team;
  private final SlackReplayGuard replays;
  private final SlackDecisions decisions;
  private final SlackInteractionMetrics metrics;

  public SlackInteractionsResource(
      SlackConfig config,
      SlackReplayGuard replays,
      SlackDecisions decisions,
      SlackInteractionMetrics metrics,
      Clock clock) {
    List<String> secrets =
        Stream.of(config.signingSecret(), config.signingSecretPrevious())
            .flatMap(Optional::stream)
            .filter(secret -> !secret.isBlank())
            .toList();
    this.signatures =
        secrets.isEmpty() ? Optional.empty() : Optional.of(new SlackSignatures(secrets, clock));
    this.team = config.teamId().filter(id -> !id.isBlank());
    this.replays = replays;
    this.decisions = decisions;
    this.metrics = metrics;
  }

  /** Blocking (a worker thread): the replay check is one insert, committed before the answer. */
  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "Receive a Slack interactivity request (approval buttons)")
  public Response receive(
      @HeaderParam(TIMESTAMP_HEADER) String timestamp,
      @HeaderParam(SIGNATURE_HEADER) String signature,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      byte[] body) {
    if (signatures.isEmpty()) {
      metrics.count(Outcome.NOT_CONFIGURED);
      return notConfigured();
    }
    Verdict verdict = signatures.get().verify(timestamp, signature, body);
    if (verdict != Verdict.VALID) {
      return refuse(verdict);
    }
    SlackInteraction interaction;
    try {
      interaction = SlackInteractionReader.read(contentType, body);
    } catch (ProblemException invalid) {
      metrics.count(Outcome.INVALID);
      Log.debugf("Refused a Slack interaction: %s", invalid.problem().detail());
      throw invalid;
    }
    if (team.isPresent() && !team.get().equals(interaction.teamId())) {
      metrics.count(Outcome.FOREIGN_TEAM);
      Log.warnf(
          "Ignored a Slack interaction of user %s from workspace %s: remedy.slack.team-id is %s",
          interaction.userId(), interaction.teamId(), team.get());
      return Response.ok().build();
    }
    if (!replays.firstSeen(signature)) {
      metrics.count(Outcome.REPLAY);
      Log.warnf("Refused a replayed Slack interaction of user %s", interaction.userId());
      return unauthorized(
          "slack-replay",
          "Slack request already received",
          "This signed request was accepted before; each one is accepted once.");
    }
    if (!decisions.submit(interaction)) {
      return Problem.of(
              "shutting-down",
              "Shutting down",
              Response.Status.SERVICE_UNAVAILABLE,
              "This instance is shutting down; the click was not applied. Click again.")
          .toResponse();
    }
    metrics.count(Outcome.ACCEPTED);
    return Response.ok().build();
  }

  private Response refuse(Verdict verdict) {
    return switch (verdict) {
      case MISSING -> {
        metrics.count(Outcome.BAD_SIGNATURE);
        yield unauthorized(
            "slack-signature",
            "Slack signature required",
            "Send " + SIGNATURE_HEADER + " and " + TIMESTAMP_HEADER + ".");
      }
      case FORGED -> {
        metrics.count(Outcome.BAD_SIGNATURE);
        Log.debug("Refused a Slack interaction: bad signature");
        yield unauthorized(
            "slack-signature",
            "Bad Slack signature",
            "The signature was not made with this app's signing secret"
                + " (remedy.slack.signing-secret).");
      }
      case STALE -> {
        metrics.count(Outcome.STALE);
        Log.warn(
            "Refused a signed Slack interaction whose timestamp is more than 5 minutes away from"
                + " this server's clock: a replay, or a clock out of sync (check NTP)");
        yield unauthorized(
            "slack-stale",
            "Slack request too old or too new",
            TIMESTAMP_HEADER + " must be within 5 minutes of the server's clock.");
      }
      case VALID -> throw new IllegalArgumentException("a valid request is not refused");
    };
  }

  private static Response unauthorized(String slug, String title, String detail) {
    return Problem.of(slug, title, Response.Status.UNAUTHORIZED, detail)
        .toResponseBuilder()
        .header(HttpHeaders.WWW_AUTHENTICATE, "Slack-Signature realm=\"remedy-slack\"")
        .build();
  }

  /**
   * 503, not 401: nothing is wrong with the request, the service lacks its half of the secret. A
   * 5xx shows up on the server-error dashboards where the operator looks, and Slack tells the
   * person who clicked that the app failed either way.
   */
  private static Response notConfigured() {
    return Problem.of(
            "slack-not-configured",
            "Slack integration not configured",
            Response.Status.SERVICE_UNAVAILABLE,
            "Set remedy.slack.signing-secret to the Slack app's signing secret to accept Slack"
                + " interactions.")
        .toResponse();
  }
}
