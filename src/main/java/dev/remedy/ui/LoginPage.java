package dev.remedy.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in and sign-out. The form posts to Quarkus' form authentication ({@code j_security_check}),
 * which checks the users of the configured realm and sets an encrypted, {@code SameSite=Strict}
 * cookie; sign-out expires that cookie.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class LoginPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance login(boolean failed, boolean signedOut);
  }

  private final String cookieName;
  private final UiRequest request;

  public LoginPage(
      @ConfigProperty(
              name = "quarkus.http.auth.form.cookie-name",
              defaultValue = "quarkus-credential")
          String cookieName,
      UiRequest request) {
    this.cookieName = cookieName;
    this.request = request;
  }

  @GET
  @Path("/login")
  @PermitAll
  public TemplateInstance login(
      @QueryParam("error") boolean failed, @QueryParam("signed-out") boolean signedOut) {
    return Templates.login(failed, signedOut);
  }

  @POST
  @Path("/logout")
  @Authenticated
  public Response logout(@FormParam("csrf") String csrf) {
    request.requireCsrf(csrf);
    return Response.seeOther(URI.create("/ui/login?signed-out=true"))
        .cookie(
            new NewCookie.Builder(cookieName)
                .value("")
                .path("/")
                .maxAge(0)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build())
        .build();
  }
}
