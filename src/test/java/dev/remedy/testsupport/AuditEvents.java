package dev.remedy.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/** Reads the audit log through {@code GET /api/v1/audit} as the viewer. */
public final class AuditEvents {

  private AuditEvents() {}

  /**
   * The events of a type (of one run when {@code run} is not null), newest first, each as its
   * hashed body: {@code seq, at, type, actor, runId?, workflow?{name,digest}, details}.
   */
  public static List<Map<String, Object>> of(String type, String run) {
    var request = Api.asViewer().queryParam("type", type).queryParam("limit", 1000);
    if (run != null) {
      request = request.queryParam("run", run);
    }
    List<String> bodies =
        request
            .get("/api/v1/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.body");
    return bodies.stream().map(body -> JsonPath.from(body).<String, Object>getMap("")).toList();
  }

  public static List<Map<String, Object>> of(String type) {
    return of(type, null);
  }

  /** The event's details. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> details(Map<String, Object> event) {
    return (Map<String, Object>) event.get("details");
  }

  /** The event's workflow name and digest. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> workflow(Map<String, Object> event) {
    return (Map<String, Object>) event.get("workflow");
  }

  public static long seq(Map<String, Object> event) {
    return ((Number) event.get("seq")).longValue();
  }

  /** {@code GET /api/v1/audit/verify} finds the whole chain valid. */
  public static void assertChainValid() {
    JsonPath verdict =
        Api.asViewer().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    assertThat(verdict.getString("problem")).isNull();
    assertThat(verdict.getBoolean("valid")).isTrue();
  }
}
