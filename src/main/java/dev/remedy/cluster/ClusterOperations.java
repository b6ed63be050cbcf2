package dev.remedy.cluster;

import dev.remedy.workflow.ActionType;
import dev.remedy.workflow.ScaleChange;
import dev.remedy.workflow.Step;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Port: the changes remedy makes to a Kubernetes cluster. Every mutating method reads the object
 * first, calls {@link ActionCall#checkpoint} with what a revert needs, then patches (never
 * replaces), marks the object with {@code remedy.dev/run-id} and {@code remedy.dev/step}, and with
 * {@link ActionCall#dryRun} asks the API server with {@code dryRun=All} instead of writing.
 *
 * <p>Failures are thrown as {@link dev.remedy.run.StepFailedException}, classified once:
 * 403/404/422 permanent ({@code FORBIDDEN}, {@code NOT_FOUND}, {@code INVALID}), 409 re-read and
 * re-decided then {@code CONFLICT}, 429/5xx/timeouts retryable ({@code UNAVAILABLE}, {@code
 * TIMEOUT}).
 *
 * <p>Audit: every write the API server accepts (a patch, a Pod delete; also in dry-run) is told to
 * {@link ActionCall#sent} as a {@link ClusterRequest} with the resourceVersion before and after,
 * never a value written. The engine appends those as {@code kubernetes.request} events in the
 * transaction that stores the attempt's outcome, also when the step then fails. The writes happen
 * outside any database transaction, between the one that stored the attempt as started (with its
 * {@code step.started} event; for a first decision, with the checkpoint, which is why nothing but
 * reads may come before the checkpoint) and the one that stores its outcome: a crash in between
 * loses the record of the request, not the {@code step.started} event or the checkpoint, and the
 * attempt's re-execution records the requests it sends itself. A write whose answer never came (a
 * timeout) is not recorded; the step's failure says so.
 */
public interface ClusterOperations {

  /**
   * Rollout restart: sets the pod-template annotation {@code kubectl.kubernetes.io/restartedAt} to
   * {@code restartedAt}; a Pod is deleted.
   *
   * <p>Repeat: {@code restartedAt} is fixed per run, so writing it again changes nothing and starts
   * no second rollout; deleting a Pod that is already gone (or replaced) succeeds.
   *
   * @throws dev.remedy.run.StepFailedException {@code INVALID} for a paused Deployment
   */
  Effect restart(ActionCall call, WorkloadRef target, Instant restartedAt);

  /**
   * Writes the scale subresource. The absolute replica count is computed from the current count on
   * the first attempt and checkpointed; a repeat writes the recorded count, so it cannot scale
   * twice.
   */
  Effect scale(ActionCall call, WorkloadRef target, ScaleRequest request);

  /**
   * Sets the backend weights of one rule of an HTTPRoute or VirtualService.
   *
   * <p>Repeat: writes the same weights again (a no-op).
   */
  Effect shiftTraffic(ActionCall call, WorkloadRef route, int rule, Map<String, Integer> weights);

  /**
   * New random values for keys of a Secret, then a rollout restart of its consumers. The Secret is
   * marked with a rotation id derived from the key; a repeat that finds its own rotation id does
   * not rotate again (it only finishes restarting the consumers). Values never leave the adapter.
   */
  Effect rotateSecret(ActionCall call, WorkloadRef secret, RotationRequest request);

  /**
   * The current values an approval plan shows, read without writing: {@code replicas} of a
   * workload, {@code rule.<i>.<backend>} weights of a route, {@code keys} (names only, never
   * values) of a Secret, {@code phase} of a Pod. Empty when the object does not exist.
   */
  Map<String, String> observe(WorkloadRef target);

  /** Reads the rollout state (no write; a repeat reads again). */
  RolloutState rollout(WorkloadRef target);

  /**
   * Undoes an earlier step from what it recorded (previous replicas, weights, the previous secret
   * values kept under {@code <key>.previous}); a restart has nothing to undo.
   *
   * <p>Repeat: writes the recorded values again (a no-op).
   */
  Effect revert(
      ActionCall call, ActionType action, WorkloadRef target, Map<String, String> recorded);

  /** What a {@code scale} step asks for. */
  record ScaleRequest(ScaleChange change, OptionalInt min, OptionalInt max, boolean adjustHpa) {}

  /** What a {@code rotateSecret} step asks for; consumers are in the Secret's namespace. */
  record RotationRequest(
      List<String> keys,
      int length,
      Step.RotateSecret.Alphabet alphabet,
      boolean keepPrevious,
      List<WorkloadRef> consumers) {
    public RotationRequest {
      keys = List.copyOf(keys);
      consumers = List.copyOf(consumers);
    }
  }
}
