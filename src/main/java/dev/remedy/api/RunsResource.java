package dev.remedy.api;

import dev.remedy.audit.Actor;
import dev.remedy.run.Run;
import dev.remedy.run.RunHistory;
import dev.remedy.run.RunQueries;
import dev.remedy.run.RunStatus;
import dev.remedy.run.RunStore;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/runs}: runs, newest first; one run with its steps; cancel. */
@Path("/api/v1")
@Tag(name = "runs")
public class RunsResource {

  static final int DEFAULT_LIMIT = 100;

  private final RunQueries queries;
  private final RunStore store;
  private final dev.remedy.config.EngineRunner engine;
  private final SecurityIdentity identity;
  private final Clock clock;
  private final dev.remedy.approval.ApprovalStore approvals;

  public RunsResource(
      RunQueries queries,
      RunStore store,
      dev.remedy.approval.ApprovalStore approvals,
      dev.remedy.config.EngineRunner engine,
      SecurityIdentity identity,
      Clock clock) {
    this.approvals = approvals;
    this.queries = queries;
    this.store = store;
    this.engine = engine;
    this.identity = identity;
    this.clock = clock;
  }

  @GET
  @Path("/runs")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Runs, newest first, cursor-paginated")
  public RunViews.RunList list(
      @QueryParam("status") String status,
      @QueryParam("workflow") String workflow,
      @QueryParam("since") String since,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    RunQueries.Page page =
        queries.find(
            new RunQueries.Query(
                status(status),
                Optional.ofNullable(workflow).map(String::trim).filter(w -> !w.isEmpty()),
                QueryParams.since("since", since, clock),
                cursor(cursor),
                QueryParams.limit("limit", limit, DEFAULT_LIMIT, RunQueries.MAX_LIMIT)));
    return new RunViews.RunList(
        page.items().stream().map(r -> RunViews.RunSummary.of(r, null)).toList(),
        page.next().map(RunQueries.Cursor::encode).orElse(null));
  }

  @GET
  @Path("/runs/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One run: alert, params, every step attempt, outputs, guard decisions")
  public RunViews.RunDetail get(@PathParam("id") String id) {
    RunHistory history = queries.history(id).orElseThrow(() -> notFound(id));
    return RunViews.RunDetail.of(
        history,
        queries.decisionsAbout(id),
        approvals.forRun(id).stream()
            .map(a -> ApprovalsResource.view(a, approvals.votes(a)))
            .toList());
  }

  @POST
  @Path("/runs/{id}/cancel")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary =
          "Cancel an active run: it ends at its next step boundary (a step already calling the"
              + " cluster finishes first)")
  public Response cancel(@PathParam("id") String id) {
    String who = identity.getPrincipal().getName();
    if (!store.requestCancel(id, Actor.user(who), "cancelled by " + who)) {
      RunHistory history = queries.history(id).orElseThrow(() -> notFound(id));
      throw new ProblemException(
          Problem.of(
                  "run-not-active",
                  "Run not active",
                  Response.Status.CONFLICT,
                  "Run " + id + " has already ended (" + history.run().status().wireName() + ").")
              .with("status", history.run().status().wireName()));
    }
    engine.wake();
    Run run = queries.history(id).orElseThrow(() -> notFound(id)).run();
    return Response.accepted(RunViews.RunSummary.of(run, null)).build();
  }

  @GET
  @Path("/guard-decisions")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Recent duplicates, suppressions and parks, newest first")
  public List<RunViews.DecisionView> decisions(
      @QueryParam("workflow") String workflow,
      @QueryParam("since") String since,
      @QueryParam("limit") String limit) {
    return queries
        .recentDecisions(
            Optional.ofNullable(workflow).map(String::trim).filter(w -> !w.isEmpty()),
            QueryParams.since("since", since, clock),
            QueryParams.limit("limit", limit, DEFAULT_LIMIT, RunQueries.MAX_LIMIT))
        .stream()
        .map(RunViews.DecisionView::of)
        .toList();
  }

  private static Optional<RunStatus> status(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Arrays.stream(RunStatus.values())
        .filter(s -> s.wireName().equals(value.trim()))
        .findFirst()
        .or(
            () -> {
              throw QueryParams.invalid(
                  "status",
                  "must be one of "
                      + String.join(
                          ", ",
                          Arrays.stream(RunStatus.values()).map(RunStatus::wireName).toList()));
            });
  }

  private static Optional<RunQueries.Cursor> cursor(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        RunQueries.Cursor.decode(value.trim())
            .orElseThrow(
                () ->
                    QueryParams.invalid(
                        "cursor", "not a cursor this API gave out (use nextCursor as is)")));
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(
        Problem.of(
            "run-not-found",
            "Run not found",
            Response.Status.NOT_FOUND,
            "No run has id " + id + "."));
  }
}
