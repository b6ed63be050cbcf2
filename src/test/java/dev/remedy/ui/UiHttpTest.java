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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  void theAuditPageShowsEachEventsOwnFieldsWithTheBodyAndHashBehindADisclosure() {
    Api.asOperator()
        .contentType("application/json")
        .body("{\"dryRun\": true}")
        .put("/api/v1/automation")
        .then()
        .statusCode(200);
    var event =
        Api.asViewer()
            .get("/api/v1/audit?type=automation.changed&actor=user:olga&limit=1")
            .jsonPath();
    String body = event.getString("items[0].body");
    String hash = event.getString("items[0].hash");

    String page =
        UiSession.signIn("vera")
            .request()
            .get("/ui/audit?type=automation.changed&actor=user:olga")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    Matcher cell =
        Pattern.compile("<td class=\"details\">(.*?)</td>", Pattern.DOTALL).matcher(page);
    assertThat(cell.find()).as("a details cell").isTrue();
    String details = cell.group(1);
    int disclosure = details.indexOf("<details");
    assertThat(disclosure).as("the body's disclosure").isPositive();
    String shown = details.substring(0, disclosure);
    String hidden = details.substring(disclosure);

    // The fields of automation.changed, one each, readable.
    assertThat(shown)
        .contains(
            "<dt>enabled</dt><dd>true</dd>",
            "<dt>dryRun</dt><dd>true</dd>",
            "<dt>wasEnabled</dt><dd>true</dd>",
            "<dt>wasDryRun</dt><dd>false</dd>",
            "<dt>reason</dt><dd>operator request</dd>");
    // Not the envelope the other columns show, nor the JSON.
    assertThat(shown)
        .doesNotContain(
            "<dt>seq</dt>",
            "<dt>at</dt>",
            "<dt>type</dt>",
            "<dt>actor</dt>",
            "<dt>details</dt>",
            "user:olga",
            "automation.changed",
            "&quot;",
            "{");
    // The canonical body and its hash, as the API gives them, one click away.
    assertThat(body).contains("\"actor\":\"user:olga\"", "\"type\":\"automation.changed\"");
    assertThat(hidden)
        .startsWith("<details class=\"body\"><summary>")
        .contains(body.replace("\"", "&quot;"), hash);
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
