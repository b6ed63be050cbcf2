package dev.remedy.adapter.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.ClusterRequest;
import dev.remedy.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and patches workloads by their REST paths ({@link ObjectRequests}: no API discovery round
 * trip, no DSL) and exposes them as trees of maps, so Deployment, StatefulSet and DaemonSet share
 * one code path. Also what every write of the adapter carries, whatever the object: the merge
 * patch's marks and resourceVersion precondition, and the report of the write.
 *
 * <p>Maps rather than typed objects: a typed read built the whole Deployment object model and then
 * converted it back into maps, which was a twentieth of the service's CPU in the engine benchmark
 * (BENCHMARKS.md, Run engine).
 */
final class Workloads {

  static final String RUN_ID = "remedy.dev/run-id";
  static final String STEP = "remedy.dev/step";

  private final KubernetesClient client;
  private final ObjectRequests requests;

  Workloads(KubernetesClient client) {
    this.client = client;
    this.requests = new ObjectRequests(client);
  }

  /** A workload as read: the object's JSON as nested maps. */
  record Workload(Map<String, Object> tree) {

    String resourceVersion() {
      return path("metadata", "resourceVersion") instanceof String v ? v : "";
    }

    long generation() {
      return path("metadata", "generation") instanceof Number n ? n.longValue() : 0;
    }

    Object path(String... path) {
      Object node = tree;
      for (String key : path) {
        if (!(node instanceof Map<?, ?> map)) {
          return null;
        }
        node = map.get(key);
      }
      return node;
    }

    int intPath(int fallback, String... path) {
      return path(path) instanceof Number n ? n.intValue() : fallback;
    }
  }

  private static final ResourceDefinitionContext DEPLOYMENTS = apps("Deployment", "deployments");
  private static final ResourceDefinitionContext STATEFUL_SETS =
      apps("StatefulSet", "statefulsets");
  private static final ResourceDefinitionContext DAEMON_SETS = apps("DaemonSet", "daemonsets");

  private static ResourceDefinitionContext apps(String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("apps")
        .withVersion("v1")
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }

  private static String path(WorkloadRef target) {
    ResourceDefinitionContext type = type(target);
    return ObjectRequests.path(
        type.getGroup(), type.getVersion(), type.getPlural(), target.namespace(), target.name());
  }

  private static ResourceDefinitionContext type(WorkloadRef target) {
    return switch (target.kind()) {
      case DEPLOYMENT -> DEPLOYMENTS;
      case STATEFUL_SET -> STATEFUL_SETS;
      case DAEMON_SET -> DAEMON_SETS;
      default ->
          throw KubernetesFailures.invalid(target.kind().kind() + " is not a workload kind here");
    };
  }

  /**
   * An object that carries nothing but the identity of {@code target}, to patch it through.
   * Fabric8's {@code patch(PatchContext, String)} takes the name and namespace of the URL from the
   * resource's object, and a resource made by {@code withName} has none, so it first GETs the
   * object from the API server: a second read before every write, which the caller has just made
   * itself (a third of a step's requests). Through a resource made from this object the PATCH goes
   * alone.
   */
  static GenericKubernetesResource identity(ResourceDefinitionContext type, WorkloadRef target) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(
        type.getGroup() == null || type.getGroup().isEmpty()
            ? type.getVersion()
            : type.getGroup() + "/" + type.getVersion());
    object.setKind(type.getKind());
    object.setMetadata(identity(target.namespace(), target.name()));
    return object;
  }

  /** The metadata of an identity (see above): the name and the namespace, nothing else. */
  static ObjectMeta identity(String namespace, String name) {
    return new ObjectMetaBuilder().withName(name).withNamespace(namespace).build();
  }

  /** The workload, or a {@code not-found} failure. */
  Workload read(WorkloadRef target) {
    Map<String, Object> object = requests.get(path(target));
    if (object == null) {
      throw KubernetesFailures.notFound(target.toString());
    }
    return new Workload(object);
  }

  /** {@code replicas} of a workload (none for a DaemonSet); empty when it does not exist. */
  Map<String, String> observe(WorkloadRef target) {
    Map<String, Object> object = requests.get(path(target));
    if (object == null) {
      return Map.of();
    }
    Object replicas = new Workload(object).path("spec", "replicas");
    return replicas instanceof Number n
        ? Map.of("replicas", Integer.toString(n.intValue()))
        : Map.of("exists", "true");
  }

  KubernetesClient client() {
    return client;
  }

  /**
   * A JSON merge patch of a workload read as {@code current}, as the static form makes it, sent by
   * {@link ObjectRequests}. The accepted write is reported to {@link ActionCall#sent}.
   */
  void mergePatch(
      WorkloadRef target, ActionCall call, Workload current, Map<String, Object> patch) {
    Workload written =
        new Workload(
            requests.mergePatch(
                path(target), json(body(call, current.resourceVersion(), patch)), call.dryRun()));
    sent(
        call,
        "patch",
        target.kind().kind(),
        target.namespace(),
        target.name(),
        current.resourceVersion(),
        written.resourceVersion());
  }

  /**
   * A JSON merge patch (never a replace), through a resource made from an {@link
   * #identity(ResourceDefinitionContext, WorkloadRef) identity} so that it is sent alone, that also
   * marks the object with {@code remedy.dev/run-id} and {@code remedy.dev/step}, carries the {@code
   * resourceVersion} the decision was made on (the API server answers 409 if the object changed
   * since: the caller re-reads and re-decides) and, in dry-run, asks for {@code dryRun=All}.
   *
   * @return the object as the API server answered (the caller reports the write)
   */
  static <T extends HasMetadata> T mergePatch(
      Resource<T> resource, ActionCall call, String resourceVersion, Map<String, Object> patch) {
    return resource.patch(
        new PatchContext.Builder()
            .withPatchType(PatchType.JSON_MERGE)
            .withDryRun(call.dryRun() ? List.of("All") : List.of())
            .build(),
        json(body(call, resourceVersion, patch)));
  }

  private static Map<String, Object> body(
      ActionCall call, String resourceVersion, Map<String, Object> patch) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("resourceVersion", resourceVersion);
    metadata.put("annotations", marks(call));
    Map<String, Object> body = new LinkedHashMap<>(patch);
    body.put("metadata", metadata);
    return body;
  }

  /**
   * Tells the engine of a write the API server accepted (for the audit log): the version it was
   * decided on ({@code before}) and the one answered ({@code after}, empty when there is none).
   */
  static void sent(
      ActionCall call,
      String verb,
      String kind,
      String namespace,
      String name,
      String before,
      String after) {
    call.sent()
        .accept(new ClusterRequest(verb, kind, namespace, name, before, after, call.dryRun()));
  }

  /** The resourceVersion of an object as the API server answered a write; empty without a body. */
  static String resourceVersion(HasMetadata written) {
    return written == null || written.getMetadata() == null
        ? ""
        : written.getMetadata().getResourceVersion();
  }

  /** The annotations that say which run and step last touched an object. */
  static Map<String, String> marks(ActionCall call) {
    Map<String, String> marks = new LinkedHashMap<>();
    marks.put(RUN_ID, call.key().runId());
    marks.put(STEP, call.key().stepId());
    return marks;
  }

  static String json(Object patch) {
    try {
      return Serialization.jsonMapper().writeValueAsString(patch);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a patch of maps and lists always serialises", e);
    }
  }
}
