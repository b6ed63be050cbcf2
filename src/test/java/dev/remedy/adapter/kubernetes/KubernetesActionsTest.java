package dev.remedy.adapter.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.ClusterOperations.RotationRequest;
import dev.remedy.cluster.ClusterOperations.ScaleRequest;
import dev.remedy.cluster.ClusterRequest;
import dev.remedy.cluster.Effect;
import dev.remedy.cluster.WorkloadRef;
import dev.remedy.run.FailureReason;
import dev.remedy.run.IdempotencyKey;
import dev.remedy.run.StepFailedException;
import dev.remedy.workflow.ActionType;
import dev.remedy.workflow.ScaleChange;
import dev.remedy.workflow.Step.RotateSecret.Alphabet;
import dev.remedy.workflow.TargetKind;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The actions the Kubernetes actions issue added or hardened (rotateSecret, {@code with.hpa:
 * adjust}, optimistic concurrency, dry-run) against the Fabric8 mock API server in CRUD mode,
 * resulting objects asserted field by field.
 */
class KubernetesActionsTest {

  private static final String OLD = "old-password-value";
  private static final WorkloadRef WEB = new WorkloadRef(TargetKind.DEPLOYMENT, "shop", "web");
  private static final WorkloadRef WORKER =
      new WorkloadRef(TargetKind.STATEFUL_SET, "shop", "web-worker");
  private static final WorkloadRef DB = new WorkloadRef(TargetKind.SECRET, "shop", "db");

  private RecordingApiServer api;
  private KubernetesClient kube;
  private Fabric8ClusterOperations cluster;
  private final List<Map<String, String>> checkpoints = new ArrayList<>();
  private final List<ClusterRequest> sent = new ArrayList<>();

  @BeforeEach
  void setUp() {
    api = new RecordingApiServer();
    kube = api.client();
    cluster = new Fabric8ClusterOperations(kube, KubernetesTransport.direct());
    kube.apps().deployments().inNamespace("shop").resource(ShopObjects.web(false, 3)).create();
    kube.apps()
        .statefulSets()
        .inNamespace("shop")
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName("web-worker")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "web-worker")
                .endMetadata()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    kube.secrets()
        .inNamespace("shop")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace("shop")
                .endMetadata()
                .addToData("password", b64(OLD))
                .addToData("user", b64("orders"))
                .build())
        .create();
  }

  @AfterEach
  void tearDown() {
    cluster.close();
    api.close();
  }

  private ActionCall call(String step, Map<String, String> recorded) {
    return call(step, recorded, false, m -> {});
  }

  private ActionCall call(
      String step,
      Map<String, String> recorded,
      boolean dryRun,
      Consumer<Map<String, String>> alsoAtCheckpoint) {
    return new ActionCall(
        new IdempotencyKey("run-1", step),
        dryRun,
        recorded,
        m -> {
          checkpoints.add(new HashMap<>(m));
          alsoAtCheckpoint.accept(m);
        },
        sent::add);
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static String plain(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  private Secret db() {
    return kube.secrets().inNamespace("shop").withName("db").get();
  }

  private Deployment web() {
    return kube.apps().deployments().inNamespace("shop").withName("web").get();
  }

  private StatefulSet worker() {
    return kube.apps().statefulSets().inNamespace("shop").withName("web-worker").get();
  }

  private static RotationRequest rotation(boolean keepPrevious) {
    return new RotationRequest(
        List.of("password"), 32, Alphabet.ALPHANUMERIC, keepPrevious, List.of(WEB, WORKER));
  }

  private static String restartedAt(Map<String, String> templateAnnotations) {
    return templateAnnotations == null
        ? null
        : templateAnnotations.get("kubectl.kubernetes.io/restartedAt");
  }

  /** Every string the adapter handed back or recorded, to search for a secret value. */
  private String everythingReturned(Effect... effects) {
    StringBuilder all = new StringBuilder(checkpoints.toString()).append(sent);
    for (Effect e : effects) {
      all.append(e.outputs()).append(e.recorded()).append(e.summary());
    }
    return all.toString();
  }

  @Test
  void rotateSecretWritesANewValueKeepsThePreviousOneMarksTheSecretAndRollsTheConsumers() {
    Effect effect = cluster.rotateSecret(call("rotate", Map.of()), DB, rotation(true));

    Secret secret = db();
    String generated = plain(secret.getData().get("password"));
    assertThat(generated).hasSize(32).matches("[A-Za-z0-9]{32}").isNotEqualTo(OLD);
    assertThat(plain(secret.getData().get("password.previous"))).isEqualTo(OLD);
    assertThat(plain(secret.getData().get("user"))).isEqualTo("orders");
    String rotationId = SecretRotation.rotationId(new IdempotencyKey("run-1", "rotate"));
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry("remedy.dev/rotation-id", rotationId)
        .containsEntry("remedy.dev/run-id", "run-1")
        .containsEntry("remedy.dev/step", "rotate")
        .containsKey("remedy.dev/rotated-at");
    String stamp = secret.getMetadata().getAnnotations().get("remedy.dev/rotated-at");
    assertThat(restartedAt(web().getSpec().getTemplate().getMetadata().getAnnotations()))
        .isEqualTo(stamp);
    assertThat(restartedAt(worker().getSpec().getTemplate().getMetadata().getAnnotations()))
        .isEqualTo(stamp);

    assertThat(effect.outputs()).containsExactly(Map.entry("rotationId", rotationId));
    assertThat(effect.recorded())
        .containsEntry("keepPrevious", "true")
        .containsEntry("previousRotationId", "")
        .containsEntry("keys", "password")
        .containsEntry("consumers", "Deployment/web,StatefulSet/web-worker")
        .containsKeys("resourceVersion", "resourceVersionAfter", "rotatedAt");
    assertThat(everythingReturned(effect))
        .doesNotContain(generated)
        .doesNotContain(b64(generated))
        .doesNotContain(OLD)
        .doesNotContain(b64(OLD));
    // For the audit log: each accepted write by kind, name and versions (the Secret by name only).
    assertThat(sent)
        .extracting(ClusterRequest::verb, ClusterRequest::kind, ClusterRequest::name)
        .containsExactly(
            tuple("patch", "Secret", "db"),
            tuple("patch", "Deployment", "web"),
            tuple("patch", "StatefulSet", "web-worker"));
    assertThat(sent.getFirst().resourceVersionBefore())
        .isEqualTo(effect.recorded().get("resourceVersion"));
    assertThat(sent.getFirst().resourceVersionAfter())
        .isEqualTo(effect.recorded().get("resourceVersionAfter"))
        .isEqualTo(secret.getMetadata().getResourceVersion());

    // The answer was lost: the repeat finds its rotation id and only finishes the restarts.
    Effect repeat = cluster.rotateSecret(call("rotate", checkpoints.get(0)), DB, rotation(true));
    assertThat(plain(db().getData().get("password"))).isEqualTo(generated);
    assertThat(plain(db().getData().get("password.previous"))).isEqualTo(OLD);
    assertThat(repeat.summary()).startsWith("already rotated password of Secret shop/db");
  }

  @Test
  void theRevertRestoresThePreviousValueAndRollsTheConsumersAgain() {
    Effect rotated = cluster.rotateSecret(call("rotate", Map.of()), DB, rotation(true));
    String generated = plain(db().getData().get("password"));

    Effect reverted =
        cluster.revert(call("undo", Map.of()), ActionType.ROTATE_SECRET, DB, rotated.recorded());

    assertThat(plain(db().getData().get("password"))).isEqualTo(OLD);
    assertThat(plain(db().getData().get("password.previous"))).isEqualTo(generated);
    assertThat(db().getMetadata().getAnnotations())
        .containsEntry(
            "remedy.dev/rotation-id",
            SecretRotation.rotationId(new IdempotencyKey("run-1", "undo")));
    assertThat(reverted.summary())
        .startsWith("restored the previous password of Secret shop/db")
        .contains("Deployment shop/web");
    assertThat(everythingReturned(rotated, reverted)).doesNotContain(generated).doesNotContain(OLD);

    // A repeat of the revert changes nothing.
    cluster.revert(
        call("undo", checkpoints.get(checkpoints.size() - 1)),
        ActionType.ROTATE_SECRET,
        DB,
        rotated.recorded());
    assertThat(plain(db().getData().get("password"))).isEqualTo(OLD);
  }

  @Test
  void aRevertIsRefusedOnceALaterRotationReplacedTheOneToUndo() {
    Effect first = cluster.rotateSecret(call("rotate", Map.of()), DB, rotation(true));
    cluster.rotateSecret(call("rotate-again", Map.of()), DB, rotation(true));
    String current = db().getData().get("password");

    assertThatThrownBy(
            () ->
                cluster.revert(
                    call("undo", Map.of()), ActionType.ROTATE_SECRET, DB, first.recorded()))
        .isInstanceOfSatisfying(
            StepFailedException.class,
            e -> {
              assertThat(e.failure().reason()).isEqualTo(FailureReason.INVALID);
              assertThat(e.failure().message()).contains("was rotated again since");
            });
    assertThat(db().getData().get("password")).isEqualTo(current);
  }

  @Test
  void withoutKeepPreviousTheOldValueIsGoneAndTheRevertSaysSo() {
    cluster.rotateSecret(call("first", Map.of()), DB, rotation(true));
    assertThat(db().getData()).containsKey("password.previous");

    Effect second = cluster.rotateSecret(call("second", Map.of()), DB, rotation(false));
    // A merge patch of null removes the key on a real API server; the mock keeps it as null.
    assertThat(db().getData().get("password.previous")).isNull();
    assertThatThrownBy(
            () ->
                cluster.revert(
                    call("undo", Map.of()), ActionType.ROTATE_SECRET, DB, second.recorded()))
        .hasMessageContaining("keepPrevious: false");
  }

  @Test
  void everyAlphabetAndLengthIsHonoured() {
    for (Alphabet alphabet : Alphabet.values()) {
      cluster.rotateSecret(
          call("rotate-" + alphabet, Map.of()),
          DB,
          new RotationRequest(List.of("password", "token"), 48, alphabet, false, List.of()));
      String pattern =
          switch (alphabet) {
            case ALPHANUMERIC -> "[A-Za-z0-9]{48}";
            case HEX -> "[0-9a-f]{48}";
            case BASE64URL -> "[A-Za-z0-9_-]{48}";
          };
      assertThat(plain(db().getData().get("password"))).matches(pattern);
      assertThat(plain(db().getData().get("token"))).matches(pattern);
      assertThat(db().getData().get("password")).isNotEqualTo(db().getData().get("token"));
    }
  }

  private void autoscaler(int min, int max) {
    kube.autoscaling()
        .v2()
        .horizontalPodAutoscalers()
        .inNamespace("shop")
        .resource(ShopObjects.webAutoscaler(min, max))
        .create();
  }

  private HorizontalPodAutoscaler hpa() {
    return kube.autoscaling()
        .v2()
        .horizontalPodAutoscalers()
        .inNamespace("shop")
        .withName("web")
        .get();
  }

  private static ScaleRequest adjust(ScaleChange change) {
    return new ScaleRequest(change, OptionalInt.empty(), OptionalInt.empty(), true);
  }

  @Test
  void scalingUpAnAutoscaledWorkloadRaisesTheAutoscalerFloorAndTheRevertPutsItBack() {
    autoscaler(2, 5);
    Effect up = cluster.scale(call("up", Map.of()), WEB, adjust(new ScaleChange.To(8)));

    assertThat(web().getSpec().getReplicas()).isEqualTo(8);
    assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(8);
    assertThat(hpa().getSpec().getMaxReplicas()).isEqualTo(8);
    assertThat(hpa().getMetadata().getAnnotations()).containsEntry("remedy.dev/step", "up");
    assertThat(up.recorded())
        .containsEntry("hpa", "web")
        .containsEntry("hpaMinReplicas", "2")
        .containsEntry("hpaMaxReplicas", "5")
        .containsEntry("previousReplicas", "3");
    assertThat(up.summary()).contains("HorizontalPodAutoscaler web bounds 8–8");
    assertThat(sent)
        .extracting(ClusterRequest::kind, ClusterRequest::resourceVersionAfter)
        .containsExactly(
            tuple("HorizontalPodAutoscaler", hpa().getMetadata().getResourceVersion()),
            tuple("Deployment", web().getMetadata().getResourceVersion()));

    cluster.revert(call("undo", Map.of()), ActionType.SCALE, WEB, up.recorded());
    assertThat(web().getSpec().getReplicas()).isEqualTo(3);
    assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa().getSpec().getMaxReplicas()).isEqualTo(5);
  }

  @Test
  void scalingDownAnAutoscaledWorkloadLowersTheCeilingAndNeverToZero() {
    autoscaler(2, 5);
    cluster.scale(call("down", Map.of()), WEB, adjust(new ScaleChange.To(1)));
    assertThat(web().getSpec().getReplicas()).isEqualTo(1);
    assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(1);
    assertThat(hpa().getSpec().getMaxReplicas()).isEqualTo(1);

    assertThatThrownBy(
            () -> cluster.scale(call("zero", Map.of()), WEB, adjust(new ScaleChange.To(0))))
        .hasMessageContaining("cannot be scaled to 0");
    assertThat(web().getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void aConflictingWriteBetweenReadAndWriteIsReadAgainAndDecidedOnce() {
    // Someone edits the Deployment after our read, before our write: the stale resourceVersion
    // makes the API server answer 409; the adapter reads again and writes the recorded count.
    Effect scaled =
        cluster.scale(
            call(
                "scale",
                Map.of(),
                false,
                m -> {
                  Deployment d = web();
                  d.getMetadata().getLabels().put("edited", "meanwhile");
                  kube.apps().deployments().inNamespace("shop").resource(d).update();
                }),
            WEB,
            new ScaleRequest(
                new ScaleChange.By(2), OptionalInt.empty(), OptionalInt.empty(), false));

    assertThat(web().getSpec().getReplicas()).isEqualTo(5);
    assertThat(web().getMetadata().getLabels()).containsEntry("edited", "meanwhile");
    assertThat(scaled.recorded()).containsEntry("replicas", "5");
    assertThat(checkpoints).hasSize(1);
    assertThat(api.writes().stream().filter(r -> r.method().equals("PATCH")).count())
        .as("the refused patch and the one after the re-read")
        .isEqualTo(2);
    assertThat(sent)
        .as("only the accepted write is reported, decided on the version read again")
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.resourceVersionAfter())
                  .isEqualTo(web().getMetadata().getResourceVersion());
              assertThat(r.resourceVersionBefore()).isNotEqualTo(r.resourceVersionAfter());
              assertThat(r.dryRun()).isFalse();
            });
  }

  @Test
  void aWriterThatKeepsLosingIsReadAgainUntilItsLastAttempt() {
    // Another writer changes the Deployment between every read and write but the last: every
    // attempt but the last answers 409, and the restart still lands, decided on the last read.
    int[] reads = {0};
    Effect restarted =
        cluster.restart(
            call(
                "restart",
                Map.of(),
                false,
                m -> {
                  if (++reads[0] < KubernetesTransport.CONFLICT_ATTEMPTS) {
                    Deployment d = web();
                    d.getMetadata().getLabels().put("edited", Integer.toString(reads[0]));
                    kube.apps().deployments().inNamespace("shop").resource(d).update();
                  }
                }),
            WEB,
            Instant.parse("2026-12-06T04:00:00Z"));

    assertThat(reads[0]).isEqualTo(KubernetesTransport.CONFLICT_ATTEMPTS);
    assertThat(restartedAt(web().getSpec().getTemplate().getMetadata().getAnnotations()))
        .isEqualTo("2026-12-06T04:00:00Z");
    assertThat(restarted.outputs()).containsEntry("restartedAt", "2026-12-06T04:00:00Z");
    assertThat(api.writes().stream().filter(r -> r.method().equals("PATCH")).count())
        .isEqualTo(KubernetesTransport.CONFLICT_ATTEMPTS);
  }

  @Test
  void runsRestartingTheSameDeploymentAtOnceAllLand() throws Exception {
    // Eight runs restart one Deployment at the same moment: they collide on its resourceVersion,
    // and the pauses before their re-reads spread them out, so each one's write lands.
    int runs = 8;
    var start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(runs);
    try {
      List<java.util.concurrent.Future<Effect>> results = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        String run = "run-" + i;
        Instant stamp = Instant.parse("2026-12-06T04:00:00Z").plusSeconds(i);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return cluster.restart(
                      new ActionCall(
                          new IdempotencyKey(run, "restart"), false, Map.of(), m -> {}, r -> {}),
                      WEB,
                      stamp);
                }));
      }
      start.countDown();
      List<String> stamps = new ArrayList<>();
      for (var result : results) {
        stamps.add(
            result.get(30, java.util.concurrent.TimeUnit.SECONDS).outputs().get("restartedAt"));
      }
      assertThat(stamps).doesNotHaveDuplicates().hasSize(runs);
      assertThat(api.writes().stream().filter(r -> r.method().equals("PATCH")).count())
          .as("at least one PATCH per run; more where a run lost a race")
          .isGreaterThanOrEqualTo(runs);
      assertThat(stamps)
          .contains(restartedAt(web().getSpec().getTemplate().getMetadata().getAnnotations()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRotationRacingAnotherWriterGeneratesAgainAndWritesOnce() {
    cluster.rotateSecret(
        call(
            "rotate",
            Map.of(),
            false,
            m -> {
              Secret s = db();
              s.getData().put("user", b64("payments"));
              kube.secrets().inNamespace("shop").resource(s).update();
            }),
        DB,
        rotation(true));

    assertThat(plain(db().getData().get("user"))).isEqualTo("payments");
    assertThat(plain(db().getData().get("password.previous"))).isEqualTo(OLD);
    assertThat(plain(db().getData().get("password"))).hasSize(32);
  }

  @Test
  void everyWriteGoesAloneAfterTheOneReadItWasDecidedOn() {
    // Fabric8 reads an object again before a patch unless the patch names it: a second GET per
    // write. Each object here is written once, so what reaches it must be one GET, one PATCH; the
    // autoscaler none, as the scale found it in the list of the namespace's autoscalers (the first
    // scale in a namespace lists them: its watch is only starting).
    autoscaler(2, 5);
    checkoutRoute();
    api.forgetRequests();

    cluster.restart(call("restart", Map.of()), WORKER, Instant.now());
    cluster.scale(call("scale", Map.of()), WEB, adjust(new ScaleChange.To(9)));
    cluster.rotateSecret(
        call("rotate", Map.of()),
        DB,
        new RotationRequest(List.of("password"), 32, Alphabet.ALPHANUMERIC, true, List.of()));
    cluster.shiftTraffic(
        call("shift", Map.of()),
        new WorkloadRef(TargetKind.HTTP_ROUTE, "shop", "checkout"),
        0,
        Map.of("canary", 0));

    Map<String, List<String>> methodsByObject = new java.util.TreeMap<>();
    for (RecordingApiServer.Request r : api.requests()) {
      methodsByObject.computeIfAbsent(r.pathWithoutQuery(), p -> new ArrayList<>()).add(r.method());
    }
    methodsByObject.values().removeIf(methods -> !methods.contains("PATCH"));
    assertThat(
            methodsByObject.remove(
                "/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/web"))
        .as("%s", api.requests())
        .containsExactly("PATCH");
    assertThat(methodsByObject)
        .as("%s", api.requests())
        .containsOnlyKeys(
            "/apis/apps/v1/namespaces/shop/statefulsets/web-worker",
            "/apis/apps/v1/namespaces/shop/deployments/web",
            "/api/v1/namespaces/shop/secrets/db",
            "/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/checkout")
        .allSatisfy((path, methods) -> assertThat(methods).containsExactly("GET", "PATCH"));
  }

  @Test
  void aDryRunOfEveryActionSendsDryRunAllAndChangesNothing() {
    autoscaler(2, 5);
    io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext routes = checkoutRoute();
    Secret secretBefore = db();
    Deployment webBefore = web();
    Object routeBefore =
        kube.genericKubernetesResources(routes)
            .inNamespace("shop")
            .withName("checkout")
            .get()
            .getAdditionalProperties()
            .get("spec");
    api.forgetRequests();

    cluster.restart(call("restart", Map.of(), true, m -> {}), WEB, Instant.now());
    cluster.scale(call("scale", Map.of(), true, m -> {}), WEB, adjust(new ScaleChange.To(9)));
    cluster.rotateSecret(call("rotate", Map.of(), true, m -> {}), DB, rotation(true));
    cluster.shiftTraffic(
        call("shift", Map.of(), true, m -> {}),
        new WorkloadRef(TargetKind.HTTP_ROUTE, "shop", "checkout"),
        0,
        Map.of("canary", 0));

    assertThat(api.writes()).hasSize(7).allSatisfy(r -> assertThat(r.isDryRun()).isTrue());
    assertThat(sent).hasSize(7).allSatisfy(r -> assertThat(r.dryRun()).isTrue());
    assertThat(db().getData()).isEqualTo(secretBefore.getData());
    assertThat(db().getMetadata().getResourceVersion())
        .isEqualTo(secretBefore.getMetadata().getResourceVersion());
    assertThat(web().getMetadata().getResourceVersion())
        .isEqualTo(webBefore.getMetadata().getResourceVersion());
    assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(
            kube.genericKubernetesResources(routes)
                .inNamespace("shop")
                .withName("checkout")
                .get()
                .getAdditionalProperties()
                .get("spec"))
        .isEqualTo(routeBefore);
  }

  /** An HTTPRoute shop/checkout with backends stable (90) and canary (10). */
  private io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext checkoutRoute() {
    io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext routes =
        TrafficRoutes.HTTP_ROUTE;
    io.fabric8.kubernetes.api.model.GenericKubernetesResource route =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
    route.setApiVersion("gateway.networking.k8s.io/v1");
    route.setKind("HTTPRoute");
    route.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("checkout")
            .withNamespace("shop")
            .build());
    route.setAdditionalProperty(
        "spec",
        Map.of(
            "rules",
            List.of(
                Map.of(
                    "backendRefs",
                    List.of(
                        Map.of("name", "stable", "weight", 90),
                        Map.of("name", "canary", "weight", 10))))));
    kube.genericKubernetesResources(routes).inNamespace("shop").resource(route).create();
    return routes;
  }

  @Test
  void everyMutatingActionOnAFirstDecisionOnlyReadsBeforeItsCheckpoint() {
    // The engine stores the attempt's start with the checkpoint (docs/design/003-run-engine.md):
    // a write before it would have no durable trace.
    autoscaler(2, 5);
    checkoutRoute();
    Map<String, Integer> writesBeforeCheckpoint = new java.util.LinkedHashMap<>();
    Map<String, Integer> writesInAll = new java.util.LinkedHashMap<>();
    Map<String, Runnable> actions = new java.util.LinkedHashMap<>();
    actions.put(
        "restart",
        () -> cluster.restart(atCheckpoint("restart", writesBeforeCheckpoint), WEB, Instant.now()));
    actions.put(
        "scale",
        () ->
            cluster.scale(
                atCheckpoint("scale", writesBeforeCheckpoint), WEB, adjust(new ScaleChange.To(4))));
    actions.put(
        "rotate",
        () ->
            cluster.rotateSecret(
                atCheckpoint("rotate", writesBeforeCheckpoint), DB, rotation(true)));
    actions.put(
        "shift",
        () ->
            cluster.shiftTraffic(
                atCheckpoint("shift", writesBeforeCheckpoint),
                new WorkloadRef(TargetKind.HTTP_ROUTE, "shop", "checkout"),
                0,
                Map.of("canary", 50, "stable", 50)));
    actions.forEach(
        (name, action) -> {
          api.forgetRequests();
          action.run();
          writesInAll.put(name, api.writes().size());
        });

    assertThat(writesBeforeCheckpoint)
        .containsExactly(
            org.assertj.core.api.Assertions.entry("restart", 0),
            org.assertj.core.api.Assertions.entry("scale", 0),
            org.assertj.core.api.Assertions.entry("rotate", 0),
            org.assertj.core.api.Assertions.entry("shift", 0));
    assertThat(writesInAll).allSatisfy((name, writes) -> assertThat(writes).isPositive());
  }

  /** A first-decision call that notes how many writes reached the API server at its checkpoint. */
  private ActionCall atCheckpoint(String step, Map<String, Integer> writesBeforeCheckpoint) {
    return call(step, Map.of(), false, m -> writesBeforeCheckpoint.put(step, api.writes().size()));
  }
}
