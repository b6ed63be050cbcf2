package dev.remedy.cluster;

import java.util.Map;

/**
 * What a mutating call did.
 *
 * @param outputs readable by later steps ({@code restartedAt}, {@code previousReplicas}, ...)
 * @param recorded what a revert needs; also kept in the run record
 * @param summary one line for people ("replicas 3 → 5")
 */
public record Effect(Map<String, String> outputs, Map<String, String> recorded, String summary) {

  public Effect {
    outputs = Map.copyOf(outputs);
    recorded = Map.copyOf(recorded);
  }
}
