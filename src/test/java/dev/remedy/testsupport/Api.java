package dev.remedy.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Requests to {@code /api/v1} as the test profile's users. */
public final class Api {

  private Api() {}

  /** {@code vera}: role viewer. */
  public static RequestSpecification asViewer() {
    return given().auth().preemptive().basic("vera", "vera-pw");
  }

  /** {@code olga}: role operator. */
  public static RequestSpecification asOperator() {
    return given().auth().preemptive().basic("olga", "olga-pw");
  }

  /**
   * Any test user by name ({@code april}, {@code abe}: approvers in group sre of EngineProfile).
   */
  public static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, user + "-pw");
  }
}
