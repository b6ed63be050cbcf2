package dev.remedy.api;

import static dev.remedy.testsupport.Api.asViewer;
import static dev.remedy.testsupport.Fixtures.FIRING_TWO_ALERTS;
import static dev.remedy.testsupport.Fixtures.RESOLVED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.remedy.testsupport.Fixtures;
import dev.remedy.testsupport.TestDatabase;
import dev.remedy.testsupport.Webhook;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/alerts}: roles, filters, cursor pagination and bad parameters. */
@QuarkusTest
class AlertsApiTest {

  @Inject TestDatabase database;

  @BeforeEach
  void storeFixtures() {
    database.clear();
    Webhook.post(Fixtures.read(FIRING_TWO_ALERTS)).statusCode(202);
    Webhook.post(Fixtures.read(RESOLVED)).statusCode(202);
  }

  @Test
  void anonymousCallerGets401Problem() {
    given()
        .get("/api/v1/alerts")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", notNullValue())
        .body("type", equalTo("urn:remedy:problem:unauthorized"));
  }

  @Test
  void wrongPasswordGets401() {
    given().auth().preemptive().basic("vera", "nope").get("/api/v1/alerts").then().statusCode(401);
  }

  @Test
  void userWithoutAnOperatorRoleGets403Problem() {
    given()
        .auth()
        .preemptive()
        .basic("nemo", "nemo-pw")
        .get("/api/v1/alerts")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:remedy:problem:forbidden"));
  }

  @Test
  void viewerOperatorAndAdminMayRead() {
    for (String[] user :
        List.of(
            new String[] {"vera", "vera-pw"},
            new String[] {"olga", "olga-pw"},
            new String[] {"ada", "ada-pw"})) {
      given()
          .auth()
          .preemptive()
          .basic(user[0], user[1])
          .get("/api/v1/alerts")
          .then()
          .statusCode(200)
          .body("items", hasSize(3));
    }
  }

  @Test
  void newestFirstAndFilteredByStatus() {
    asViewer()
        .get("/api/v1/alerts?status=resolved")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].fingerprint", equalTo("09e34952d0b2d15d"))
        .body("nextCursor", nullValue());
    asViewer()
        .get("/api/v1/alerts")
        .then()
        .body("items[0].status", equalTo("resolved"))
        .body("items[1].status", equalTo("firing"));
  }

  @Test
  void sinceTakesTimestampsAndDurations() {
    asViewer().get("/api/v1/alerts?since=1h").then().statusCode(200).body("items", hasSize(3));
    asViewer()
        .get("/api/v1/alerts?since=2999-01-01T00:00:00Z")
        .then()
        .statusCode(200)
        .body("items", hasSize(0));
  }

  @Test
  void cursorWalksEveryItemOnceNewestFirst() {
    List<Long> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonPath page =
          asViewer()
              .queryParam("limit", 1)
              .queryParam("cursor", cursor == null ? "" : cursor)
              .get("/api/v1/alerts")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      seen.addAll(page.getList("items.id", Long.class));
      cursor = page.getString("nextCursor");
    } while (cursor != null);

    List<Long> all =
        asViewer()
            .get("/api/v1/alerts")
            .then()
            .extract()
            .jsonPath()
            .getList("items.id", Long.class);
    assertThat(seen).hasSize(3).containsExactlyElementsOf(all);
  }

  @Test
  void badParametersAre400NamingTheParameter() {
    for (String[] bad :
        List.of(
            new String[] {"limit=0", "limit"},
            new String[] {"limit=many", "limit"},
            new String[] {"limit=501", "limit"},
            new String[] {"since=yesterday", "since"},
            new String[] {"status=pending", "status"},
            new String[] {"cursor=not-a-cursor", "cursor"})) {
      asViewer()
          .get("/api/v1/alerts?" + bad[0])
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("field", equalTo(bad[1]));
    }
  }
}
