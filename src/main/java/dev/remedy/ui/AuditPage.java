package dev.remedy.ui;

import dev.remedy.api.AuditResource;
import dev.remedy.api.ProblemException;
import dev.remedy.api.Roles;
import dev.remedy.config.AuditSelfCheck;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code /ui/audit}: the audit events with the API's filters, the chain's state (the last
 * self-check, or a verification on request: it reads the whole chain, so it is not done on every
 * page view) and the export link.
 */
@Path("/ui/audit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.VIEWER)
public class AuditPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance audit(
        Chrome chrome,
        AuditFilter filter,
        AuditResource.EventList events,
        ChainState chain,
        String exportLink);
  }

  private final AuditResource audit;
  private final AuditSelfCheck selfCheck;
  private final UiRequest request;

  public AuditPage(AuditResource audit, AuditSelfCheck selfCheck, UiRequest request) {
    this.audit = audit;
    this.selfCheck = selfCheck;
    this.request = request;
  }

  @GET
  public TemplateInstance list(
      @QueryParam("type") String type,
      @QueryParam("actor") String actor,
      @QueryParam("run") String run,
      @QueryParam("since") String since,
      @QueryParam("cursor") String cursor,
      @QueryParam("verify") boolean verify) {
    Chrome chrome = request.chrome("audit", null);
    AuditFilter filter = new AuditFilter(type, actor, run, since);
    AuditResource.EventList events;
    try {
      events = audit.list(run, type, actor, since, null, "100", cursor);
    } catch (ProblemException e) {
      chrome = chrome.withError(e.problem().detail());
      filter = new AuditFilter(null, null, null, null);
      events = audit.list(null, null, null, null, null, "100", null);
    }
    ChainState chain =
        verify
            ? ChainState.of(audit.verify(), true)
            : selfCheck
                .last()
                .map(v -> ChainState.of(AuditResource.VerifyView.of(v), false))
                .orElse(new ChainState(false, false, false, 0, 0, null, null, null));
    String exportSince = QueryString.of("since", filter.since());
    String exportLink = "/api/v1/audit/export" + (exportSince.isEmpty() ? "" : "?" + exportSince);
    return Templates.audit(chrome, filter, events, chain, exportLink);
  }

  @ServerExceptionMapper({ProblemException.class, ForbiddenException.class})
  Response problem(RuntimeException e) {
    return UiProblems.page(e);
  }
}
