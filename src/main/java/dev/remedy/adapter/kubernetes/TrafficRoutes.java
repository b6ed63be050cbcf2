package dev.remedy.adapter.kubernetes;

import dev.remedy.cluster.ActionCall;
import dev.remedy.cluster.Effect;
import dev.remedy.cluster.WorkloadRef;
import dev.remedy.workflow.TargetKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code shiftTraffic}: the backend weights of one rule of a Gateway API {@code HTTPRoute} ({@code
 * spec.rules[i].backendRefs[].name}, weights proportional, default 1) or an Istio {@code
 * VirtualService} ({@code spec.http[i].route[].destination}, named by subset or host, weights 0–100
 * summing to 100). Backends the step does not name keep their weight. Written as a JSON Patch of
 * the weights only, with the resourceVersion read as a precondition, so a route edited meanwhile is
 * refused (409) and decided again rather than given weights by stale indexes.
 */
final class TrafficRoutes {

  /** Gateway API HTTPRoutes (package-visible for the adapter's tests). */
  static final ResourceDefinitionContext HTTP_ROUTE =
      new ResourceDefinitionContext.Builder()
          .withGroup("gateway.networking.k8s.io")
          .withVersion("v1")
          .withKind("HTTPRoute")
          .withPlural("httproutes")
          .withNamespaced(true)
          .build();

  private static final ResourceDefinitionContext VIRTUAL_SERVICE =
      new ResourceDefinitionContext.Builder()
          .withGroup("networking.istio.io")
          .withVersion("v1")
          .withKind("VirtualService")
          .withPlural("virtualservices")
          .withNamespaced(true)
          .build();

  private final KubernetesClient client;

  TrafficRoutes(KubernetesClient client) {
    this.client = client;
  }

  /** The weights of every rule, as {@code rule.<i>.<backend>}; empty when the route is missing. */
  Map<String, String> observe(WorkloadRef route) {
    boolean istio = route.kind() == TargetKind.VIRTUAL_SERVICE;
    GenericKubernetesResource current =
        client
            .genericKubernetesResources(istio ? VIRTUAL_SERVICE : HTTP_ROUTE)
            .inNamespace(route.namespace())
            .withName(route.name())
            .get();
    if (current == null) {
      return Map.of();
    }
    Map<String, String> weights = new TreeMap<>();
    List<Map<String, Object>> rules = rules(current, istio, route);
    for (int i = 0; i < rules.size(); i++) {
      for (Map<String, Object> backend : backends(rules.get(i), istio)) {
        weights.put(
            "rule." + i + "." + name(backend, istio), Integer.toString(weight(backend, istio)));
      }
    }
    return weights;
  }

  Effect shift(ActionCall call, WorkloadRef route, int rule, Map<String, Integer> weights) {
    boolean istio = route.kind() == TargetKind.VIRTUAL_SERVICE;
    ResourceDefinitionContext type = istio ? VIRTUAL_SERVICE : HTTP_ROUTE;
    GenericKubernetesResource current =
        client
            .genericKubernetesResources(type)
            .inNamespace(route.namespace())
            .withName(route.name())
            .get();
    if (current == null) {
      throw KubernetesFailures.notFound(route.toString());
    }
    List<Map<String, Object>> rules = rules(current, istio, route);
    if (rule < 0 || rule >= rules.size()) {
      throw KubernetesFailures.invalid(
          route + " has " + rules.size() + " rule(s); rule " + rule + " does not exist");
    }
    List<Map<String, Object>> backends = backends(rules.get(rule), istio);
    Map<String, Integer> before = new TreeMap<>();
    for (Map<String, Object> backend : backends) {
      before.put(name(backend, istio), weight(backend, istio));
    }
    TreeSet<String> unknown = new TreeSet<>(weights.keySet());
    unknown.removeAll(before.keySet());
    if (!unknown.isEmpty()) {
      throw KubernetesFailures.invalid(
          route
              + " rule "
              + rule
              + " has no backend "
              + unknown
              + " (it has "
              + before.keySet()
              + ")");
    }
    Map<String, Integer> after = new TreeMap<>(before);
    after.putAll(weights);
    if (istio && after.values().stream().mapToInt(Integer::intValue).sum() != 100) {
      throw KubernetesFailures.invalid(
          "VirtualService weights must add up to 100; "
              + route
              + " rule "
              + rule
              + " would have "
              + after);
    }
    Map<String, String> recorded = new LinkedHashMap<>();
    if (call.recorded().isEmpty()) {
      before.forEach((name, weight) -> recorded.put("weight." + name, weight.toString()));
      recorded.put("rule", Integer.toString(rule));
      recorded.put("resourceVersion", current.getMetadata().getResourceVersion());
      call.checkpoint().accept(recorded);
    } else {
      recorded.putAll(call.recorded());
    }
    // JSON Patch, not a merge patch: only the weights change (a merge patch would replace the
    // whole list). Setting metadata.resourceVersion to the one read makes the API server refuse
    // the write with 409 if the route changed since, and the transport re-reads and re-decides.
    String base =
        "/spec/" + (istio ? "http/" : "rules/") + rule + (istio ? "/route/" : "/backendRefs/");
    List<Map<String, Object>> ops = new ArrayList<>();
    ops.add(op("replace", "/metadata/resourceVersion", current.getMetadata().getResourceVersion()));
    for (int i = 0; i < backends.size(); i++) {
      ops.add(op("add", base + i + "/weight", after.get(name(backends.get(i), istio))));
    }
    Map<String, String> annotations = current.getMetadata().getAnnotations();
    if (annotations == null || annotations.isEmpty()) {
      ops.add(op("add", "/metadata/annotations", Workloads.marks(call)));
    } else {
      Workloads.marks(call)
          .forEach(
              (key, value) -> ops.add(op("add", "/metadata/annotations/" + pointer(key), value)));
    }
    GenericKubernetesResource written =
        client
            .genericKubernetesResources(type)
            .inNamespace(route.namespace())
            .resource(Workloads.identity(type, route))
            .patch(
                new PatchContext.Builder()
                    .withPatchType(PatchType.JSON)
                    .withDryRun(call.dryRun() ? List.of("All") : List.of())
                    .build(),
                Workloads.json(ops));
    Workloads.sent(
        call,
        "patch",
        route.kind().kind(),
        route.namespace(),
        route.name(),
        current.getMetadata().getResourceVersion(),
        Workloads.resourceVersion(written));
    return new Effect(Map.of(), recorded, "weights " + before + " → " + after + " on " + route);
  }

  private static Map<String, Object> op(String op, String path, Object value) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("op", op);
    o.put("path", path);
    o.put("value", value);
    return o;
  }

  /** RFC 6901: "~" and "/" escaped in a JSON pointer segment. */
  private static String pointer(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** The weights a shift recorded, to write them back. */
  static Map<String, Integer> recordedWeights(Map<String, String> recorded) {
    Map<String, Integer> weights = new TreeMap<>();
    recorded.forEach(
        (key, value) -> {
          if (key.startsWith("weight.")) {
            weights.put(key.substring("weight.".length()), Integer.parseInt(value));
          }
        });
    return weights;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(
      GenericKubernetesResource route, boolean istio, WorkloadRef ref) {
    Object spec = route.getAdditionalProperties().get("spec");
    Object rules = spec instanceof Map<?, ?> map ? map.get(istio ? "http" : "rules") : null;
    if (!(rules instanceof List<?> list)) {
      throw KubernetesFailures.invalid(ref + " has no " + (istio ? "spec.http" : "spec.rules"));
    }
    List<Map<String, Object>> copy = new ArrayList<>();
    for (Object r : list) {
      copy.add(new LinkedHashMap<>((Map<String, Object>) r));
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> backends(Map<String, Object> rule, boolean istio) {
    Object list = rule.get(istio ? "route" : "backendRefs");
    List<Map<String, Object>> copy = new ArrayList<>();
    if (list instanceof List<?> items) {
      for (Object b : items) {
        copy.add(new LinkedHashMap<>((Map<String, Object>) b));
      }
    }
    rule.put(istio ? "route" : "backendRefs", copy);
    return copy;
  }

  private static String name(Map<String, Object> backend, boolean istio) {
    if (!istio) {
      return String.valueOf(backend.get("name"));
    }
    Object destination = backend.get("destination");
    if (destination instanceof Map<?, ?> d) {
      Object subset = d.get("subset");
      return String.valueOf(subset != null ? subset : d.get("host"));
    }
    return "";
  }

  private static int weight(Map<String, Object> backend, boolean istio) {
    Object weight = backend.get("weight");
    if (weight instanceof Number n) {
      return n.intValue();
    }
    return istio ? 0 : 1;
  }
}
