package dev.remedy.run;

import java.time.Instant;
import java.util.Map;

/** What executing (or looking again at) one attempt of a step came to. */
public sealed interface StepOutcome {

  /**
   * The step is done.
   *
   * @param outputs readable by later steps
   * @param recorded what a revert of this step needs
   */
  record Done(Map<String, String> outputs, Map<String, String> recorded, String summary)
      implements StepOutcome {
    public Done {
      outputs = Map.copyOf(outputs);
      recorded = Map.copyOf(recorded);
    }

    public static Done of(Map<String, String> outputs, String summary) {
      return new Done(outputs, Map.of(), summary);
    }
  }

  /** Not yet (a rollout, an approval, a resolved alert): look again at {@code recheckAt}. */
  record Pending(Instant recheckAt, String detail) implements StepOutcome {}

  record Failed(StepFailure failure) implements StepOutcome {}
}
