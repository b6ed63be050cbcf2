package dev.remedy.run;

/**
 * The key every effect of a step is made under: {@code runId/stepId}. A port that sees the same key
 * again (a re-execution after a crash or an expired lease) must make the repeat harmless; each port
 * method says how.
 */
public record IdempotencyKey(String runId, String stepId) {

  public String value() {
    return runId + "/" + stepId;
  }

  @Override
  public String toString() {
    return value();
  }
}
