package dev.remedy.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Posts to the Alertmanager webhook the way Alertmanager does (JSON, Bearer token). */
public final class Webhook {

  public static final String PATH = "/webhooks/alertmanager";
  public static final String TOKEN = "test-token";

  private Webhook() {}

  public static ValidatableResponse post(String body) {
    return given()
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer " + TOKEN)
        .body(body)
        .when()
        .post(PATH)
        .then();
  }
}
