package dev.remedy.ui;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signed-in UI session over plain HTTP: the form login's cookie and the page's CSRF token. */
record UiSession(String cookie) {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  /** Signs in through {@code j_security_check} as a test user ({@code <user>-pw}). */
  static UiSession signIn(String user) {
    Response response =
        given()
            .redirects()
            .follow(false)
            .formParam("j_username", user)
            .formParam("j_password", user + "-pw")
            .post("/j_security_check");
    String cookie = response.getCookie("quarkus-credential");
    if (cookie == null) {
      throw new AssertionError(
          "no session cookie for "
              + user
              + ": "
              + response.statusLine()
              + " "
              + response.headers());
    }
    return new UiSession(cookie);
  }

  RequestSpecification request() {
    return given().redirects().follow(false).cookie("quarkus-credential", cookie);
  }

  /** The CSRF token in the forms of {@code page}. */
  String csrf(String page) {
    Matcher m = CSRF.matcher(request().get(page).then().statusCode(200).extract().asString());
    if (!m.find()) {
      throw new AssertionError(page + " has no form with a CSRF token");
    }
    return m.group(1);
  }
}
