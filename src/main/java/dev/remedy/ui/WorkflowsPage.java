package dev.remedy.ui;

import dev.remedy.api.ProblemException;
import dev.remedy.api.Roles;
import dev.remedy.api.RunViews;
import dev.remedy.api.RunsResource;
import dev.remedy.api.SimulateResource;
import dev.remedy.api.WorkflowViews;
import dev.remedy.api.WorkflowsResource;
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
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code /ui/workflows}: the catalog with each file's validity and errors at {@code
 * file:line:column}; one workflow with its matchers, guards, steps and last runs; the simulate form
 * (an Alertmanager payload in, what would happen out); reload for operators.
 */
@Path("/ui/workflows")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.VIEWER)
public class WorkflowsPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance workflows(
        Chrome chrome,
        WorkflowViews.WorkflowList catalog,
        String payload,
        SimulateResource.SimulationView simulation);

    static native TemplateInstance workflow(
        Chrome chrome, WorkflowViews.WorkflowDetail workflow, RunViews.RunList runs);
  }

  private final WorkflowsResource workflows;
  private final SimulateResource simulate;
  private final RunsResource runs;
  private final UiRequest request;

  public WorkflowsPage(
      WorkflowsResource workflows,
      SimulateResource simulate,
      RunsResource runs,
      UiRequest request) {
    this.workflows = workflows;
    this.simulate = simulate;
    this.runs = runs;
    this.request = request;
  }

  @GET
  public TemplateInstance list(@QueryParam("done") String done) {
    return Templates.workflows(request.chrome("workflows", done), workflows.list(), "", null);
  }

  @GET
  @Path("/{name}")
  public TemplateInstance detail(@PathParam("name") String name) {
    return Templates.workflow(
        request.chrome("workflows", null),
        workflows.get(name),
        runs.list(null, name, null, "10", null));
  }

  /** Nothing is stored but the audit event {@code workflow.matched}, and nothing is called. */
  @POST
  @Path("/simulate")
  public Response simulate(@FormParam("payload") String payload, @FormParam("csrf") String csrf) {
    request.requireCsrf(csrf);
    String body = payload == null ? "" : payload;
    Chrome chrome = request.chrome("workflows", null);
    try {
      SimulateResource.SimulationView result =
          simulate.simulate(body.getBytes(StandardCharsets.UTF_8));
      return Response.ok(Templates.workflows(chrome, workflows.list(), body, result)).build();
    } catch (ProblemException e) {
      return Response.status(e.problem().status())
          .entity(
              Templates.workflows(
                  chrome.withError("Simulation refused: " + e.problem().detail()),
                  workflows.list(),
                  body,
                  null))
          .build();
    }
  }

  @POST
  @Path("/reload")
  @RolesAllowed(Roles.OPERATOR)
  public Response reload(@FormParam("csrf") String csrf) {
    request.requireCsrf(csrf);
    workflows.reload();
    return UiRequest.seeOther("/ui/workflows", Notices.RELOADED);
  }

  @ServerExceptionMapper({ProblemException.class, ForbiddenException.class})
  Response problem(RuntimeException e) {
    return UiProblems.page(e);
  }
}
