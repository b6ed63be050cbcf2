package dev.remedy.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /bench/noop}: takes a body like the webhook and does nothing with it, so that the
 * benchmark ({@code bench/}) can measure the HTTP stack's own ceiling on the same machine and in
 * the same run. 404 unless {@code remedy.bench.noop-endpoint=true}.
 */
@Path("/bench/noop")
public class BenchmarkCeilingResource {

  private final boolean enabled;

  public BenchmarkCeilingResource(
      @ConfigProperty(name = "remedy.bench.noop-endpoint", defaultValue = "false")
          boolean enabled) {
    this.enabled = enabled;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(hidden = true)
  public Response accept(byte[] body) {
    if (!enabled) {
      return Problem.of("not-found", "Not Found", Response.Status.NOT_FOUND, "No such endpoint.")
          .toResponse();
    }
    return Response.accepted(Map.of("bytes", body.length)).build();
  }
}
