package dev.remedy.workflow;

/** The Kubernetes kinds a step may target, with their API group and version. */
public enum TargetKind {
  DEPLOYMENT("Deployment", "apps/v1"),
  STATEFUL_SET("StatefulSet", "apps/v1"),
  DAEMON_SET("DaemonSet", "apps/v1"),
  POD("Pod", "v1"),
  SECRET("Secret", "v1"),
  HTTP_ROUTE("HTTPRoute", "gateway.networking.k8s.io/v1"),
  VIRTUAL_SERVICE("VirtualService", "networking.istio.io/v1");

  private final String kind;
  private final String apiVersion;

  TargetKind(String kind, String apiVersion) {
    this.kind = kind;
    this.apiVersion = apiVersion;
  }

  /** The kind as written in YAML and in Kubernetes, e.g. {@code StatefulSet}. */
  public String kind() {
    return kind;
  }

  public String apiVersion() {
    return apiVersion;
  }

  /** The kind named {@code kind} exactly (case-sensitive, as in Kubernetes manifests). */
  public static java.util.Optional<TargetKind> byKind(String kind) {
    for (TargetKind k : values()) {
      if (k.kind.equals(kind)) {
        return java.util.Optional.of(k);
      }
    }
    return java.util.Optional.empty();
  }
}
