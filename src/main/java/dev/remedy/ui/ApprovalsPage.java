package dev.remedy.ui;

import dev.remedy.api.ApprovalsResource;
import dev.remedy.api.ApprovalsResource.ApprovalView;
import dev.remedy.api.ProblemException;
import dev.remedy.api.Roles;
import dev.remedy.approval.Channel;
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
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code /ui/approvals}: pending approvals first with their plan and a countdown, Approve/Reject
 * for approvers (the API's decision, so the same policy and audit as Slack), then recent decisions.
 */
@Path("/ui/approvals")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.VIEWER)
public class ApprovalsPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance approvals(
        Chrome chrome, List<ApprovalView> pending, List<ApprovalView> recent);
  }

  private final ApprovalsResource approvals;
  private final UiRequest request;

  public ApprovalsPage(ApprovalsResource approvals, UiRequest request) {
    this.approvals = approvals;
    this.request = request;
  }

  @GET
  public TemplateInstance list(@QueryParam("done") String done) {
    return page(request.chrome("approvals", done));
  }

  @POST
  @Path("/{id}/decision")
  @RolesAllowed(Roles.APPROVER)
  public Object decide(
      @PathParam("id") String id,
      @FormParam("decision") String decision,
      @FormParam("comment") String comment,
      @FormParam("csrf") String csrf) {
    request.requireCsrf(csrf);
    try {
      approvals.decide(
          id,
          new ApprovalsResource.DecisionRequest(
              decision, comment == null || comment.isBlank() ? null : comment.trim()),
          Channel.UI);
      return UiRequest.seeOther(
          "/ui/approvals", "approve".equals(decision) ? Notices.APPROVED : Notices.REJECTED);
    } catch (ProblemException e) {
      return Response.status(e.problem().status())
          .entity(page(request.chrome("approvals", null).withError(e.problem().detail())))
          .build();
    }
  }

  private TemplateInstance page(Chrome chrome) {
    List<ApprovalView> pending = approvals.list("pending", 200);
    List<ApprovalView> recent =
        approvals.list(null, 50).stream().filter(a -> !"pending".equals(a.status())).toList();
    return Templates.approvals(chrome, pending, recent);
  }

  @ServerExceptionMapper({ProblemException.class, ForbiddenException.class})
  Response problem(RuntimeException e) {
    return UiProblems.page(e);
  }
}
