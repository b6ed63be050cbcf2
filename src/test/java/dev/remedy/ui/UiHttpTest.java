package dev.remedy.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import dev.remedy.testsupport.Api;
import dev.remedy.testsupport.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The UI's security over plain HTTP: sign-in, roles, the CSRF token, and that the API keeps its own
 * challenge. (What a person sees and clicks is {@link UiBrowserTest}.)
 */
@QuarkusTest
class UiHttpTest {

  @Inject TestDatabase database;

  @BeforeEach
  void clean() {
    database.clear();
  }

  @Test
  void pagesSendStrangersToTheSignInPageWhileTheApiStillAsksForBasic() {
    given()
        .redirects()
        .follow(false)
        .get("/ui/runs")
        .then()
        .statusCode(302)
        .header("Location", endsWith("/ui/login"));
    given()
        .get("/api/v1/runs")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("Basic"))
        .contentType("application/problem+json");
    given().get("/ui/login").then().statusCode(200).body(containsString("j_security_check"));
    given().get("/ui/assets/remedy.css").then().statusCode(200);
    given()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/runs"), not(containsString("/ui/")));
  }

  @Test
  void aWrongPasswordGoesBackToTheSignInPageWithoutACookie() {
    var response =
        given()
            .redirects()
            .follow(false)
            .formParam("j_username", "vera")
            .formParam("j_password", "wrong")
            .post("/j_security_check");
    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.header("Location")).endsWith("/ui/login?error=true");
    assertThat(response.getCookie("quarkus-credential")).isNull();
  }

  @Test
  void everyPageRendersForAViewerAndServesItsScripts() {
    UiSession vera = UiSession.signIn("vera");
    for (String page :
        new String[] {
          "/ui/runs", "/ui/approvals", "/ui/workflows", "/ui/audit", "/ui/automation"
        }) {
      vera.request()
          .get(page)
          .then()
          .statusCode(200)
          .contentType(containsString("text/html"))
          .body(containsString("vera"), containsString("Automation on"));
    }
    vera.request().get("/ui").then().statusCode(303).header("Location", endsWith("/ui/runs"));
    given().get(UiAssets.HTMX).then().statusCode(200);
    given().get("/ui/assets/remedy.js").then().statusCode(200);
    vera.request()
        .get("/ui/runs/no-such-run")
        .then()
        .statusCode(404)
        .contentType(containsString("text/html"))
        .body(containsString("No run has id no-such-run"));
  }

  @Test
  void aViewerSeesNoOperatorButtonAndIsRefusedWhenPostingAnyway() {
    UiSession vera = UiSession.signIn("vera");
    vera.request()
        .get("/ui/automation")
        .then()
        .body(not(containsString("automation-off")), containsString("needs the operator role"));
    vera.request()
        .formParam("csrf", vera.csrf("/ui/automation"))
        .formParam("enabled", "false")
        .post("/ui/automation")
        .then()
        .statusCode(403)
        .contentType(containsString("text/html"));
    Api.asViewer()
        .get("/api/v1/automation")
        .then()
        .statusCode(200)
        .body("enabled", org.hamcrest.Matchers.is(true));
  }

  @Test
  void aFormWithoutTheUsersTokenChangesNothing() {
    UiSession olga = UiSession.signIn("olga");
    UiSession vera = UiSession.signIn("vera");
    olga.request()
        .formParam("enabled", "false")
        .post("/ui/automation")
        .then()
        .statusCode(403)
        .body(containsString("security token"));
    olga.request()
        .formParam("csrf", vera.csrf("/ui/runs"))
        .formParam("enabled", "false")
        .post("/ui/automation")
        .then()
        .statusCode(403);
    Api.asViewer().get("/api/v1/automation").then().body("enabled", org.hamcrest.Matchers.is(true));

    olga.request()
        .formParam("csrf", olga.csrf("/ui/automation"))
        .formParam("enabled", "false")
        .post("/ui/automation")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/ui/automation?done=automation-changed"));
    Api.asViewer()
        .get("/api/v1/automation")
        .then()
        .body(
            "enabled",
            org.hamcrest.Matchers.is(false),
            "changedBy",
            org.hamcrest.Matchers.is("olga"));
    olga.request()
        .formParam("csrf", olga.csrf("/ui/automation"))
        .formParam("enabled", "true")
        .post("/ui/automation")
        .then()
        .statusCode(303);
  }

  @Test
  void signingOutExpiresTheCookie() {
    UiSession vera = UiSession.signIn("vera");
    var response = vera.request().formParam("csrf", vera.csrf("/ui/runs")).post("/ui/logout");
    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.header("Location")).endsWith("/ui/login?signed-out=true");
    assertThat(response.getDetailedCookie("quarkus-credential").getMaxAge()).isZero();
  }
}
