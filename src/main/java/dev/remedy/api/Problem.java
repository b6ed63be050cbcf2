package dev.remedy.api;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URN per kind of problem (listed in the
 * README); {@code detail} is for people and never holds a stack trace, a class name or a secret.
 */
public record Problem(
    String type, String title, int status, String detail, Map<String, Object> extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_PREFIX = "urn:remedy:problem:";

  public Problem {
    extensions = Map.copyOf(extensions);
  }

  public static Problem of(String slug, String title, Response.Status status, String detail) {
    return new Problem(TYPE_PREFIX + slug, title, status.getStatusCode(), detail, Map.of());
  }

  public Problem with(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(extensions);
    more.put(name, value);
    return new Problem(type, title, status, detail, more);
  }

  /** The response, with any extra headers (for example {@code Retry-After}) already set. */
  public Response.ResponseBuilder toResponseBuilder() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.putAll(extensions);
    return Response.status(status).type(MEDIA_TYPE).entity(body);
  }

  public Response toResponse() {
    return toResponseBuilder().build();
  }
}
