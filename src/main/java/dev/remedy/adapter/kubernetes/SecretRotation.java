package dev.remedy.adapter.kubernetes;

import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.ClusterOperations.RotationRequest;
import dev.remedy.cluster.Effect;
import dev.remedy.cluster.WorkloadRef;
import dev.remedy.run.IdempotencyKey;
import dev.remedy.workflow.TargetKind;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rotateSecret} and its revert.
 *
 * <p>A rotation writes new values for the listed keys in one merge patch of {@code data} (with
 * {@code keepPrevious}, the value it replaces moves to {@code <key>.previous}, so both credentials
 * work while the consumers roll; without it a stale {@code <key>.previous} is removed), marks the
 * Secret with a rotation id derived from {@code runId/stepId}, then rollout-restarts the consumers
 * with one timestamp per rotation. A repeat that finds its own rotation id on the Secret does not
 * rotate again: it only finishes the restarts.
 *
 * <p>Generated values never leave this class: not in the checkpoint, the effect, a summary or a
 * failure (an API error is rethrown as its status only). The recorded state is key names, rotation
 * ids, resourceVersions, the consumers and a timestamp.
 */
final class SecretRotation {

  static final String ROTATION_ID = "remedy.dev/rotation-id";
  static final String ROTATED_AT = "remedy.dev/rotated-at";
  private static final String PREVIOUS = ".previous";

  private final KubernetesClient client;
  private final Restarts restarts;
  private final SecretValues values = new SecretValues();

  SecretRotation(KubernetesClient client, Restarts restarts) {
    this.client = client;
    this.restarts = restarts;
  }

  Effect rotate(ActionCall call, WorkloadRef target, RotationRequest request) {
    Secret current = read(target);
    String rotationId = rotationId(call.key());
    Map<String, String> annotations = annotations(current);
    boolean done = !call.dryRun() && rotationId.equals(annotations.get(ROTATION_ID));
    Map<String, String> recorded = new LinkedHashMap<>(call.recorded());
    if (recorded.isEmpty()) {
      recorded.put("rotationId", rotationId);
      recorded.put("keys", String.join(",", request.keys()));
      recorded.put("keepPrevious", Boolean.toString(request.keepPrevious()));
      recorded.put("previousRotationId", annotations.getOrDefault(ROTATION_ID, ""));
      recorded.put("resourceVersion", current.getMetadata().getResourceVersion());
      recorded.put(
          "rotatedAt",
          done
              ? annotations.getOrDefault(ROTATED_AT, Instant.now().toString())
              : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      recorded.put("consumers", consumers(request.consumers()));
      call.checkpoint().accept(recorded);
    }
    String version = current.getMetadata().getResourceVersion();
    if (!done) {
      version = write(call, toPatch(target), current, recorded, newData(current, request));
    }
    List<String> restarted = restartAll(call, request.consumers(), recorded.get("rotatedAt"));
    Map<String, String> effect = new LinkedHashMap<>(recorded);
    effect.put("resourceVersionAfter", version);
    return new Effect(
        Map.of("rotationId", rotationId),
        effect,
        (done ? "already rotated " : "rotated ")
            + recorded.get("keys")
            + " of "
            + target
            + (restarted.isEmpty() ? "" : "; " + String.join(", ", restarted)));
  }

  /**
   * Undoes a rotation kept with {@code keepPrevious}: each key gets its {@code .previous} value
   * back (the rotated value becomes the {@code .previous} one, so consumers still holding it keep
   * working), then the consumers roll again. Refused when a later rotation has replaced the one to
   * undo, or when the previous values were not kept.
   */
  Effect revert(ActionCall call, WorkloadRef target, Map<String, String> rotation) {
    if (!Boolean.parseBoolean(rotation.get("keepPrevious"))) {
      throw KubernetesFailures.invalid(
          "the rotation of "
              + target
              + " did not keep the previous values (keepPrevious: false): there is nothing to"
              + " restore");
    }
    Secret current = read(target);
    String revertId = rotationId(call.key());
    String onSecret = annotations(current).get(ROTATION_ID);
    List<WorkloadRef> consumers = consumers(target.namespace(), rotation.get("consumers"));
    Map<String, String> recorded = new LinkedHashMap<>(call.recorded());
    if (recorded.isEmpty()) {
      recorded.put("rotationId", revertId);
      recorded.put("reverted", rotation.get("rotationId"));
      recorded.put("rotatedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      call.checkpoint().accept(recorded);
    }
    boolean done = !call.dryRun() && revertId.equals(onSecret);
    if (!done && !rotation.get("rotationId").equals(onSecret)) {
      throw KubernetesFailures.invalid(
          target
              + " was rotated again since (rotation "
              + onSecret
              + "): restoring the values before rotation "
              + rotation.get("rotationId")
              + " would bring back an older credential");
    }
    if (!done) {
      Map<String, String> data = data(current);
      Map<String, String> swapped = new HashMap<>();
      for (String key : rotation.get("keys").split(",")) {
        String previous = data.get(key + PREVIOUS);
        if (previous == null) {
          throw KubernetesFailures.invalid(
              target + " has no " + key + PREVIOUS + ": the previous value is gone");
        }
        swapped.put(key, previous);
        swapped.put(key + PREVIOUS, data.get(key));
      }
      write(call, toPatch(target), current, recorded, swapped);
    }
    List<String> restarted = restartAll(call, consumers, recorded.get("rotatedAt"));
    return new Effect(
        Map.of("rotationId", revertId),
        recorded,
        (done ? "already restored " : "restored the previous ")
            + rotation.get("keys")
            + " of "
            + target
            + (restarted.isEmpty() ? "" : "; " + String.join(", ", restarted)));
  }

  /** The {@code data} patch: new values (base64, as the API stores them) and the .previous keys. */
  private Map<String, String> newData(Secret current, RotationRequest request) {
    Map<String, String> data = data(current);
    Map<String, String> patch = new HashMap<>();
    for (String key : request.keys()) {
      String value = values.generate(request.length(), request.alphabet());
      patch.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
      if (request.keepPrevious() && data.containsKey(key)) {
        patch.put(key + PREVIOUS, data.get(key));
      } else if (data.containsKey(key + PREVIOUS)) {
        patch.put(key + PREVIOUS, null);
      }
    }
    return patch;
  }

  /**
   * Writes {@code data} with the rotation marks and the resourceVersion precondition; returns the
   * new resourceVersion. An API error is rethrown as the server's status alone, without the client
   * exception that described the request carrying the values.
   */
  private static String write(
      ActionCall call,
      Resource<Secret> resource,
      Secret current,
      Map<String, String> recorded,
      Map<String, String> data) {
    Map<String, Object> patch = new HashMap<>();
    patch.put("data", data);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("resourceVersion", current.getMetadata().getResourceVersion());
    Map<String, String> marks = new LinkedHashMap<>(Workloads.marks(call));
    marks.put(ROTATION_ID, recorded.get("rotationId"));
    marks.put(ROTATED_AT, recorded.get("rotatedAt"));
    metadata.put("annotations", marks);
    patch.put("metadata", metadata);
    try {
      Secret written =
          resource.patch(
              new PatchContext.Builder()
                  .withPatchType(PatchType.JSON_MERGE)
                  .withDryRun(call.dryRun() ? List.of("All") : List.of())
                  .build(),
              Workloads.json(patch));
      // Reported by name and versions only: the values stay in this class.
      Workloads.sent(
          call,
          "patch",
          "Secret",
          current.getMetadata().getNamespace(),
          current.getMetadata().getName(),
          current.getMetadata().getResourceVersion(),
          Workloads.resourceVersion(written));
      return Workloads.resourceVersion(written);
    } catch (KubernetesClientException e) {
      throw e.getCode() <= 0 ? e : new KubernetesClientException(e.getStatus());
    }
  }

  /** The Secret's key names, sorted (never a value); empty when it does not exist. */
  Map<String, String> observe(WorkloadRef target) {
    Secret secret = secret(target).get();
    if (secret == null) {
      return Map.of();
    }
    return Map.of("keys", String.join(",", new java.util.TreeSet<>(data(secret).keySet())));
  }

  private List<String> restartAll(ActionCall call, List<WorkloadRef> consumers, String stamp) {
    List<String> lines = new ArrayList<>();
    for (WorkloadRef consumer : consumers) {
      lines.add(restarts.restartConsumer(call, consumer, stamp));
    }
    return lines;
  }

  private Resource<Secret> secret(WorkloadRef target) {
    return client.secrets().inNamespace(target.namespace()).withName(target.name());
  }

  /** The Secret to patch, named by an identity so that Fabric8 does not read it again first. */
  private Resource<Secret> toPatch(WorkloadRef target) {
    return client
        .secrets()
        .inNamespace(target.namespace())
        .resource(
            new SecretBuilder()
                .withMetadata(Workloads.identity(target.namespace(), target.name()))
                .build());
  }

  private Secret read(WorkloadRef target) {
    Secret secret = secret(target).get();
    if (secret == null) {
      throw KubernetesFailures.notFound(target.toString());
    }
    return secret;
  }

  private static Map<String, String> data(Secret secret) {
    return secret.getData() == null ? Map.of() : secret.getData();
  }

  private static Map<String, String> annotations(Secret secret) {
    Map<String, String> a = secret.getMetadata().getAnnotations();
    return a == null ? Map.of() : a;
  }

  /** {@code Kind/name,...}: what the revert needs to roll the same consumers again. */
  private static String consumers(List<WorkloadRef> consumers) {
    return String.join(",", consumers.stream().map(c -> c.kind().kind() + "/" + c.name()).toList());
  }

  private static List<WorkloadRef> consumers(String namespace, String recorded) {
    List<WorkloadRef> refs = new ArrayList<>();
    if (recorded == null || recorded.isEmpty()) {
      return refs;
    }
    for (String consumer : recorded.split(",")) {
      String[] kindAndName = consumer.split("/", 2);
      refs.add(
          new WorkloadRef(
              TargetKind.byKind(kindAndName[0]).orElseThrow(), namespace, kindAndName[1]));
    }
    return refs;
  }

  /** A short, stable id for the rotation made by one step of one run. */
  static String rotationId(IdempotencyKey key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((key.runId() + "/" + key.stepId()).getBytes(StandardCharsets.UTF_8));
      return "rot-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
