package dev.remedy.adapter.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.ClusterOperations.RotationRequest;
import dev.remedy.cluster.ClusterOperations.ScaleRequest;
import dev.remedy.cluster.Effect;
import dev.remedy.cluster.WorkloadRef;
import dev.remedy.run.IdempotencyKey;
import dev.remedy.workflow.ActionType;
import dev.remedy.workflow.ScaleChange;
import dev.remedy.workflow.Step.RotateSecret.Alphabet;
import dev.remedy.workflow.TargetKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The ClusterRole in {@code src/main/kubernetes/kubernetes.yml} is exactly what the adapter needs:
 * every action (and every revert) runs against a recording API server, each request becomes the
 * permission it needs (verb, API group, resource), and the set must equal the role's rules, so a
 * new call without its permission, or a permission nothing uses, fails here.
 */
class RbacTest {

  private final RecordingApiServer api = new RecordingApiServer();
  private final KubernetesClient kube = api.client();
  private final Fabric8ClusterOperations cluster =
      new Fabric8ClusterOperations(kube, KubernetesTransport.direct());

  /** One RBAC permission: a verb on a resource of an API group ("" is the core group). */
  record Permission(String group, String resource, String verb) implements Comparable<Permission> {
    @Override
    public int compareTo(Permission o) {
      return toString().compareTo(o.toString());
    }
  }

  @AfterEach
  void close() {
    cluster.close();
    api.close();
  }

  private static ActionCall call(String step) {
    return new ActionCall(new IdempotencyKey("run-rbac", step), false, Map.of(), m -> {});
  }

  @Test
  void theClusterRoleGrantsExactlyWhatTheActionsUse() throws IOException {
    objects();
    api.forgetRequests();

    WorkloadRef web = ref(TargetKind.DEPLOYMENT, "web");
    WorkloadRef api = ref(TargetKind.DEPLOYMENT, "api");
    cluster.restart(call("r1"), web, Instant.now());
    cluster.restart(call("r2"), ref(TargetKind.STATEFUL_SET, "db"), Instant.now());
    cluster.restart(call("r3"), ref(TargetKind.DAEMON_SET, "agent"), Instant.now());
    cluster.restart(call("r4"), ref(TargetKind.POD, "web-0"), Instant.now());
    Effect scaled =
        cluster.scale(
            call("s1"),
            web,
            new ScaleRequest(
                new ScaleChange.To(4), OptionalInt.empty(), OptionalInt.empty(), false));
    cluster.revert(call("s1-undo"), ActionType.SCALE, web, scaled.recorded());
    Effect adjusted =
        cluster.scale(
            call("s2"),
            api,
            new ScaleRequest(
                new ScaleChange.To(9), OptionalInt.empty(), OptionalInt.empty(), true));
    cluster.revert(call("s2-undo"), ActionType.SCALE, api, adjusted.recorded());
    WorkloadRef route = ref(TargetKind.HTTP_ROUTE, "checkout");
    Effect shifted = cluster.shiftTraffic(call("t1"), route, 0, Map.of("canary", 0));
    cluster.revert(call("t1-undo"), ActionType.SHIFT_TRAFFIC, route, shifted.recorded());
    cluster.shiftTraffic(
        call("t2"), ref(TargetKind.VIRTUAL_SERVICE, "checkout"), 0, Map.of("v1", 100, "v2", 0));
    WorkloadRef secret = ref(TargetKind.SECRET, "db");
    Effect rotated =
        cluster.rotateSecret(
            call("k1"),
            secret,
            new RotationRequest(
                List.of("password"),
                24,
                Alphabet.HEX,
                true,
                List.of(web, ref(TargetKind.STATEFUL_SET, "db"))));
    cluster.revert(call("k1-undo"), ActionType.ROTATE_SECRET, secret, rotated.recorded());
    for (TargetKind kind :
        List.of(TargetKind.DEPLOYMENT, TargetKind.STATEFUL_SET, TargetKind.DAEMON_SET)) {
      cluster.rollout(
          ref(
              kind,
              kind == TargetKind.DEPLOYMENT
                  ? "web"
                  : kind == TargetKind.STATEFUL_SET ? "db" : "agent"));
    }

    // The watch of the namespace's HorizontalPodAutoscalers, started by the first scale, runs on
    // its own: wait for its request.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> this.api.requests().stream().anyMatch(RecordingApiServer.Request::isWatch));
    Set<Permission> used = new TreeSet<>();
    for (RecordingApiServer.Request request : this.api.requests()) {
      used.add(permission(request));
    }
    assertThat(granted()).isEqualTo(used);
  }

  private static WorkloadRef ref(TargetKind kind, String name) {
    return new WorkloadRef(kind, "shop", name);
  }

  /** The permission a request needs: its verb from the method, group and resource from the path. */
  static Permission permission(RecordingApiServer.Request request) {
    String[] parts = request.pathWithoutQuery().substring(1).split("/");
    // api/v1/namespaces/{ns}/{resource}[/{name}] or apis/{group}/{version}/namespaces/{ns}/...
    boolean core = parts[0].equals("api");
    int at = core ? 2 : 3;
    assertThat(parts[at]).as(request.path()).isEqualTo("namespaces");
    String group = core ? "" : parts[1];
    String resource = parts[at + 2];
    boolean named = parts.length > at + 3;
    String verb =
        switch (request.method()) {
          case "GET" -> named ? "get" : request.isWatch() ? "watch" : "list";
          case "PATCH" -> "patch";
          case "DELETE" -> "delete";
          case "PUT" -> "update";
          case "POST" -> "create";
          default -> throw new AssertionError("unexpected " + request);
        };
    return new Permission(group, resource, verb);
  }

  @SuppressWarnings("unchecked")
  private static Set<Permission> granted() throws IOException {
    String manifests = Files.readString(Path.of("src/main/kubernetes/kubernetes.yml"));
    Set<Permission> granted = new TreeSet<>();
    for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(manifests)) {
      Map<String, Object> object = (Map<String, Object>) document;
      if (!"ClusterRole".equals(object.get("kind"))) {
        continue;
      }
      for (Map<String, Object> rule : (List<Map<String, Object>>) object.get("rules")) {
        for (String group : (List<String>) rule.get("apiGroups")) {
          for (String resource : (List<String>) rule.get("resources")) {
            for (String verb : (List<String>) rule.get("verbs")) {
              granted.add(new Permission(group, resource, verb));
            }
          }
        }
      }
    }
    return granted;
  }

  private void objects() {
    for (String name : List.of("web", "api")) {
      kube.apps()
          .deployments()
          .inNamespace("shop")
          .resource(
              new DeploymentBuilder()
                  .withMetadata(meta(name))
                  .withNewSpec()
                  .withReplicas(3)
                  .withNewTemplate()
                  .endTemplate()
                  .endSpec()
                  .build())
          .create();
    }
    kube.apps()
        .statefulSets()
        .inNamespace("shop")
        .resource(
            new StatefulSetBuilder()
                .withMetadata(meta("db"))
                .withNewSpec()
                .withNewTemplate()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    kube.apps()
        .daemonSets()
        .inNamespace("shop")
        .resource(
            new DaemonSetBuilder()
                .withMetadata(meta("agent"))
                .withNewSpec()
                .withNewTemplate()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    kube.pods()
        .inNamespace("shop")
        .resource(new PodBuilder().withMetadata(meta("web-0")).build())
        .create();
    kube.secrets()
        .inNamespace("shop")
        .resource(
            new SecretBuilder().withMetadata(meta("db")).addToData("password", "b2xk").build())
        .create();
    kube.autoscaling()
        .v2()
        .horizontalPodAutoscalers()
        .inNamespace("shop")
        .resource(
            new HorizontalPodAutoscalerBuilder()
                .withMetadata(meta("api"))
                .withNewSpec()
                .withNewScaleTargetRef()
                .withKind("Deployment")
                .withName("api")
                .endScaleTargetRef()
                .withMinReplicas(2)
                .withMaxReplicas(5)
                .endSpec()
                .build())
        .create();
    generic(
        "gateway.networking.k8s.io",
        "HTTPRoute",
        "httproutes",
        Map.of(
            "rules",
            List.of(
                Map.of(
                    "backendRefs",
                    List.of(
                        Map.of("name", "stable", "weight", 90),
                        Map.of("name", "canary", "weight", 10))))));
    generic(
        "networking.istio.io",
        "VirtualService",
        "virtualservices",
        Map.of(
            "http",
            List.of(
                Map.of(
                    "route",
                    List.of(
                        Map.of(
                            "destination",
                            Map.of("host", "checkout", "subset", "v1"),
                            "weight",
                            80),
                        Map.of(
                            "destination",
                            Map.of("host", "checkout", "subset", "v2"),
                            "weight",
                            20))))));
  }

  private void generic(String group, String kind, String plural, Map<String, Object> spec) {
    ResourceDefinitionContext context =
        new ResourceDefinitionContext.Builder()
            .withGroup(group)
            .withVersion("v1")
            .withKind(kind)
            .withPlural(plural)
            .withNamespaced(true)
            .build();
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setApiVersion(group + "/v1");
    r.setKind(kind);
    r.setMetadata(meta("checkout"));
    r.setAdditionalProperty("spec", spec);
    kube.genericKubernetesResources(context).inNamespace("shop").resource(r).create();
  }

  private static io.fabric8.kubernetes.api.model.ObjectMeta meta(String name) {
    return new ObjectMetaBuilder().withName(name).withNamespace("shop").build();
  }
}
