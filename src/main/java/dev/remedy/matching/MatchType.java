package dev.remedy.matching;

/** The four Alertmanager matcher operators. */
public enum MatchType {
  EQUAL("="),
  NOT_EQUAL("!="),
  REGEX("=~"),
  NOT_REGEX("!~");

  private final String operator;

  MatchType(String operator) {
    this.operator = operator;
  }

  public String operator() {
    return operator;
  }
}
