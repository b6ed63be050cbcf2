package dev.remedy.cluster;

import dev.remedy.run.IdempotencyKey;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The context of one mutating call.
 *
 * @param key {@code runId/stepId}; the same on every re-execution of the step
 * @param dryRun send the write with {@code dryRun=All}: validated by the API server, nothing
 *     changed
 * @param recorded what an earlier attempt of the same step recorded before it wrote (empty on the
 *     first attempt): a repeat must use it (e.g. the absolute replica count) instead of deciding
 *     again
 * @param checkpoint stores what the revert needs, durably, before the write; call it once the
 *     current state has been read and before changing anything
 */
public record ActionCall(
    IdempotencyKey key,
    boolean dryRun,
    Map<String, String> recorded,
    Consumer<Map<String, String>> checkpoint) {

  public ActionCall {
    recorded = Map.copyOf(recorded);
  }
}
