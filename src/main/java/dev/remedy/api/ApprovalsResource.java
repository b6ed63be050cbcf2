package dev.remedy.api;

import dev.remedy.approval.Approval;
import dev.remedy.approval.ApprovalDecisions;
import dev.remedy.approval.ApprovalStatus;
import dev.remedy.approval.ApprovalStore;
import dev.remedy.approval.Channel;
import dev.remedy.approval.Decision;
import dev.remedy.approval.DecisionOutcome;
import dev.remedy.approval.Vote;
import dev.remedy.approval.Voter;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/approvals}: what waits for a decision, and the REST path to decide it, under the
 * same policy as Slack. The approver is the authenticated principal (linked to a Slack user by
 * {@code remedy.approvers.identities.<principal>}).
 */
@Path("/api/v1/approvals")
@Tag(name = "approvals")
public class ApprovalsResource {

  private static final int MAX_LIMIT = 500;

  private final ApprovalStore approvals;
  private final ApprovalDecisions decisions;
  private final SecurityIdentity identity;

  public ApprovalsResource(
      ApprovalStore approvals, ApprovalDecisions decisions, SecurityIdentity identity) {
    this.approvals = approvals;
    this.decisions = decisions;
    this.identity = identity;
  }

  /** An approval as the API shows it. */
  public record ApprovalView(
      String id,
      String runId,
      String step,
      String workflow,
      String status,
      List<String> approvers,
      int quorum,
      Instant deadline,
      String message,
      List<String> plan,
      String planDigest,
      Instant requestedAt,
      Instant decidedAt,
      List<VoteView> votes) {}

  /** One decision. */
  public record VoteView(
      String approver, String decision, String via, Instant at, String comment) {}

  /** The request body of a decision. */
  public record DecisionRequest(String decision, String comment) {}

  /** What the decision did. */
  public record DecisionView(String status, int approvals, int quorum) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Approvals, pending ones first by deadline when status=pending")
  public List<ApprovalView> list(
      @QueryParam("status") String status, @QueryParam("limit") Integer limit) {
    Optional<ApprovalStatus> wanted = Optional.ofNullable(status).map(ApprovalsResource::status);
    int max = limit == null ? 100 : Math.max(1, Math.min(limit, MAX_LIMIT));
    return approvals.list(wanted, max).stream().map(this::view).toList();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One approval with its plan, digest and votes")
  public ApprovalView get(@PathParam("id") String id) {
    return view(approvals.find(id).orElseThrow(() -> notFound(id)));
  }

  @POST
  @Path("/{id}/decision")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.APPROVER)
  @Operation(summary = "Approve or reject, as the authenticated principal")
  public DecisionView decide(@PathParam("id") String id, DecisionRequest request) {
    return decide(id, request, Channel.API);
  }

  /**
   * A decision by the authenticated principal through {@code via} (the API, or the operator UI,
   * which comes here so that both share the policy, the refusals and the audit).
   */
  @RolesAllowed(Roles.APPROVER)
  public DecisionView decide(String id, DecisionRequest request, Channel via) {
    if (request == null
        || request.decision() == null
        || !List.of("approve", "reject").contains(request.decision())) {
      throw new ProblemException(
          Problem.of(
              "invalid-request",
              "Invalid request",
              Response.Status.BAD_REQUEST,
              "Give \"decision\": \"approve\" or \"reject\" (and an optional \"comment\")."));
    }
    String who = identity.getPrincipal().getName();
    DecisionOutcome outcome =
        decisions.decide(
            new Decision(
                id,
                via == Channel.UI ? Voter.ui(who) : Voter.api(who),
                request.decision().equals("approve"),
                request.comment(),
                via.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID()));
    return switch (outcome) {
      case DecisionOutcome.Applied applied -> {
        Log.infof(
            "Approval %s: %s by %s via the %s (%s, %d of %d)",
            id,
            request.decision(),
            who,
            via == Channel.UI ? "UI" : "API",
            applied.status().wireName(),
            applied.approvals(),
            applied.quorum());
        yield new DecisionView(applied.status().wireName(), applied.approvals(), applied.quorum());
      }
      case DecisionOutcome.Refused refused -> {
        Log.infof(
            "Approval %s: %s by %s refused: %s", id, request.decision(), who, refused.message());
        throw new ProblemException(
            Problem.of(
                "approval-" + refused.refusal().wireName(),
                "Decision refused",
                switch (refused.refusal()) {
                  case NOT_FOUND -> Response.Status.NOT_FOUND;
                  case NOT_AN_APPROVER, OWN_RUN -> Response.Status.FORBIDDEN;
                  case ALREADY_VOTED, ALREADY_DECIDED, EXPIRED -> Response.Status.CONFLICT;
                },
                refused.message()));
      }
    };
  }

  private ApprovalView view(Approval a) {
    return view(a, approvals.votes(a));
  }

  /** The API's view of an approval and its votes (also part of a run's detail). */
  static ApprovalView view(Approval a, List<Vote> recorded) {
    List<VoteView> votes = recorded.stream().map(ApprovalsResource::vote).toList();
    return new ApprovalView(
        a.id(),
        a.runId(),
        a.stepId(),
        a.workflow(),
        a.status().wireName(),
        a.approvers(),
        a.quorum(),
        a.deadline(),
        a.message(),
        a.plan(),
        a.planDigest(),
        a.requestedAt(),
        a.decidedAt().orElse(null),
        votes);
  }

  private static VoteView vote(Vote v) {
    return new VoteView(
        v.voter(),
        v.approve() ? "approve" : "reject",
        v.via().name().toLowerCase(Locale.ROOT),
        v.at(),
        v.comment());
  }

  private static ApprovalStatus status(String value) {
    try {
      return ApprovalStatus.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          Problem.of(
              "invalid-parameter",
              "Invalid parameter",
              Response.Status.BAD_REQUEST,
              "status: one of pending, approved, rejected, expired, cancelled"));
    }
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(
        Problem.of(
            "approval-not-found", "Not found", Response.Status.NOT_FOUND, "no approval " + id));
  }
}
