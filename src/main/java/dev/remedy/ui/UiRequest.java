package dev.remedy.ui;

import dev.remedy.api.AutomationResource;
import dev.remedy.api.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The signed-in user of one UI request: the page chrome, the CSRF check, redirects. */
@RequestScoped
public class UiRequest {

  private final SecurityIdentity identity;
  private final CsrfTokens csrf;
  private final AutomationResource automation;

  public UiRequest(SecurityIdentity identity, CsrfTokens csrf, AutomationResource automation) {
    this.identity = identity;
    this.csrf = csrf;
    this.automation = automation;
  }

  public String user() {
    return identity.getPrincipal().getName();
  }

  public boolean may(String role) {
    return identity.hasRole(role);
  }

  /** The chrome of a page in {@code section}, with the notice a redirect after an action named. */
  public Chrome chrome(String section, String done) {
    return new Chrome(
        user(),
        may(Roles.APPROVER),
        may(Roles.OPERATOR),
        csrf.tokenFor(user()),
        automation.get(),
        section,
        Notices.text(done),
        null);
  }

  /**
   * Refuses a form post whose token is not this user's (a cross-site request, or a page from before
   * the key changed): 403 with a short explanation, nothing done.
   */
  public void requireCsrf(String token) {
    if (!csrf.valid(user(), token)) {
      throw new WebApplicationException(
          Response.status(Response.Status.FORBIDDEN)
              .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
              .entity(
                  "This form's security token is missing or not yours: nothing was done. Reload"
                      + " the page and try again.")
              .build());
    }
  }

  /** Post/redirect/get: back to {@code path}, telling the page what was done. */
  public static Response seeOther(String path, String done) {
    String separator = path.contains("?") ? "&" : "?";
    return Response.seeOther(URI.create(path + separator + "done=" + done)).build();
  }
}
