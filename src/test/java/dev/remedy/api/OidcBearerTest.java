package dev.remedy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Production switches to OIDC by configuration alone: with the default tenant enabled, bearer
 * tokens from the identity provider are accepted and their {@code groups} become remedy roles.
 */
@QuarkusTest
@TestProfile(OidcBearerTest.OidcEnabled.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class OidcBearerTest {

  /** What an operator sets in production; the test resource serves the provider's keys. */
  public static class OidcEnabled implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.oidc.tenant-enabled", "true",
          "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
          "quarkus.oidc.client-id", "remedy",
          "quarkus.oidc.token.issuer", "https://server.example.com");
    }
  }

  @Test
  void viewerTokenMayRead() {
    given()
        .auth()
        .oauth2(OidcWiremockTestResource.getAccessToken("alice", Set.of("viewer")))
        .get("/api/v1/alerts")
        .then()
        .statusCode(200);
  }

  @Test
  void adminTokenImpliesViewer() {
    given()
        .auth()
        .oauth2(OidcWiremockTestResource.getAccessToken("root", Set.of("admin")))
        .get("/api/v1/alerts")
        .then()
        .statusCode(200);
  }

  @Test
  void tokenWithoutARoleIsForbidden() {
    given()
        .auth()
        .oauth2(OidcWiremockTestResource.getAccessToken("bob", Set.of("guest")))
        .get("/api/v1/alerts")
        .then()
        .statusCode(403)
        .body("type", equalTo("urn:remedy:problem:forbidden"));
  }

  @Test
  void forgedTokenIsRefused() {
    given().auth().oauth2("not.a.token").get("/api/v1/alerts").then().statusCode(401);
  }

  @Test
  void embeddedUsersStillWork() {
    given()
        .auth()
        .preemptive()
        .basic("vera", "vera-pw")
        .get("/api/v1/alerts")
        .then()
        .statusCode(200);
  }
}
