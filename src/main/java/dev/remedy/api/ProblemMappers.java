package dev.remedy.api;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP answers: always problem+json, never a stack trace.
 * Each failure is logged once, here, at the level its kind deserves.
 */
public class ProblemMappers {

  /** Where the operator UI's sign-in form posts (Quarkus form authentication). */
  private static final String SIGN_IN_FORM = "/j_security_check";

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    return e.problem().toResponse();
  }

  @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
  public Response unauthorized(io.vertx.core.http.HttpServerRequest request) {
    if (SIGN_IN_FORM.equals(request.path())) {
      // The operator UI's sign-in form with a wrong user or password: back to the form.
      return Response.seeOther(java.net.URI.create("/ui/login?error=true")).build();
    }
    return Problem.of(
            "unauthorized",
            "Authentication required",
            Response.Status.UNAUTHORIZED,
            "Present valid credentials (HTTP Basic or an OIDC bearer token).")
        .toResponseBuilder()
        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"remedy\"")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return Problem.of(
            "forbidden",
            "Forbidden",
            Response.Status.FORBIDDEN,
            "Your roles do not allow this operation.")
        .toResponse();
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    Response.StatusType status = e.getResponse().getStatusInfo();
    return new Problem(
            "urn:remedy:problem:http-" + status.getStatusCode(),
            status.getReasonPhrase(),
            status.getStatusCode(),
            status.getReasonPhrase(),
            java.util.Map.of())
        .toResponse();
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e) {
    if (StoreFailures.isStoreFailure(e)) {
      Log.errorf("database unavailable: %s", rootMessage(e));
      return StoreFailures.storeUnavailable();
    }
    Log.error("request failed unexpectedly", e);
    return Problem.of(
            "internal",
            "Internal error",
            Response.Status.INTERNAL_SERVER_ERROR,
            "The request failed unexpectedly; the service log has the details.")
        .toResponse();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
