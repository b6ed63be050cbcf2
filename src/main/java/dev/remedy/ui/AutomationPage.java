package dev.remedy.ui;

import dev.remedy.api.AutomationResource;
import dev.remedy.api.ProblemException;
import dev.remedy.api.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code /ui/automation}: the kill switch and global dry-run, changed by operators after a
 * confirmation, through the API's {@code PUT /api/v1/automation} (same log line and audit event).
 */
@Path("/ui/automation")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.VIEWER)
public class AutomationPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance automation(Chrome chrome);
  }

  private final AutomationResource automation;
  private final UiRequest request;

  public AutomationPage(AutomationResource automation, UiRequest request) {
    this.automation = automation;
    this.request = request;
  }

  @GET
  public TemplateInstance show(@QueryParam("done") String done) {
    return Templates.automation(request.chrome("automation", done));
  }

  /** {@code enabled} and {@code dryRun} are {@code true}/{@code false}; a missing one is kept. */
  @POST
  @RolesAllowed(Roles.OPERATOR)
  public Object change(
      @FormParam("enabled") String enabled,
      @FormParam("dryRun") String dryRun,
      @FormParam("csrf") String csrf) {
    request.requireCsrf(csrf);
    try {
      automation.put(new AutomationResource.AutomationChange(flag(enabled), flag(dryRun)));
      return UiRequest.seeOther("/ui/automation", Notices.AUTOMATION_CHANGED);
    } catch (ProblemException e) {
      return Response.status(e.problem().status())
          .entity(
              Templates.automation(
                  request.chrome("automation", null).withError(e.problem().detail())))
          .build();
    }
  }

  private static Boolean flag(String value) {
    return value == null || value.isBlank() ? null : Boolean.valueOf(value);
  }

  @ServerExceptionMapper({ProblemException.class, ForbiddenException.class})
  Response problem(RuntimeException e) {
    return UiProblems.page(e);
  }
}
