package dev.remedy.ui;

import dev.remedy.api.AuditResource;
import dev.remedy.api.ProblemException;
import dev.remedy.api.Roles;
import dev.remedy.api.RunViews;
import dev.remedy.api.RunsResource;
import dev.remedy.run.RunStatus;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** {@code /ui/runs}: the live list of runs and recent guard decisions; one run in full; cancel. */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.VIEWER)
public class RunsPage {

  static final String PAGE_SIZE = "50";
  static final List<String> STATUSES =
      Arrays.stream(RunStatus.values()).map(RunStatus::wireName).toList();

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance runs(
        Chrome chrome,
        RunFilter filter,
        List<String> statuses,
        RunViews.RunList runs,
        List<RunViews.DecisionView> decisions);

    static native TemplateInstance run(
        Chrome chrome,
        RunViews.RunDetail run,
        boolean active,
        List<AuditResource.EventView> events);
  }

  private final RunsResource runs;
  private final AuditResource audit;
  private final UiRequest request;

  public RunsPage(RunsResource runs, AuditResource audit, UiRequest request) {
    this.runs = runs;
    this.audit = audit;
    this.request = request;
  }

  @GET
  public Response home() {
    return Response.seeOther(URI.create("/ui/runs")).build();
  }

  @GET
  @Path("/runs")
  public TemplateInstance list(
      @QueryParam("status") String status,
      @QueryParam("workflow") String workflow,
      @QueryParam("cursor") String cursor,
      @QueryParam("done") String done) {
    Chrome chrome = request.chrome("runs", done);
    RunFilter filter = new RunFilter(status, workflow, cursor);
    RunViews.RunList list;
    try {
      list = runs.list(status, workflow, null, PAGE_SIZE, cursor);
    } catch (ProblemException e) {
      chrome = chrome.withError(e.problem().detail());
      filter = new RunFilter(null, null, null);
      list = runs.list(null, null, null, PAGE_SIZE, null);
    }
    return Templates.runs(
        chrome, filter, STATUSES, list, runs.decisions(blankToNull(filter.workflow()), null, "20"));
  }

  @GET
  @Path("/runs/{id}")
  public TemplateInstance detail(@PathParam("id") String id, @QueryParam("done") String done) {
    return page(id, request.chrome("runs", done));
  }

  @POST
  @Path("/runs/{id}/cancel")
  @RolesAllowed(Roles.OPERATOR)
  public Object cancel(@PathParam("id") String id, @FormParam("csrf") String csrf) {
    request.requireCsrf(csrf);
    try {
      runs.cancel(id);
      return UiRequest.seeOther("/ui/runs/" + id, Notices.CANCEL_REQUESTED);
    } catch (ProblemException e) {
      return Response.status(e.problem().status())
          .entity(page(id, request.chrome("runs", null).withError(e.problem().detail())))
          .build();
    }
  }

  private TemplateInstance page(String id, Chrome chrome) {
    RunViews.RunDetail run = runs.get(id);
    return Templates.run(
        chrome,
        run,
        RunStatus.fromWireName(run.status()).active(),
        audit.list(id, null, null, null, null, "200", null).items());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @ServerExceptionMapper({ProblemException.class, ForbiddenException.class})
  Response problem(RuntimeException e) {
    return UiProblems.page(e);
  }
}
