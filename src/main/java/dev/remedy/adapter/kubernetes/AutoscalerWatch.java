package dev.remedy.adapter.kubernetes;

import dev.remedy.cluster.WorkloadRef;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.logging.Log;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The HorizontalPodAutoscalers of the namespaces remedy scales in, kept up to date by a watch: a
 * Fabric8 informer per namespace, started by the first scale there, indexed by scale target. A
 * scale then asks the watch which autoscaler owns its workload instead of listing the namespace's
 * autoscalers (one request more per scale step, a namespace-wide list for the API server; a quarter
 * of the engine benchmark's requests, BENCHMARKS.md, Run engine). This is what controllers do.
 *
 * <p>The watch's answer is trusted only when it is complete: after the initial list, while the
 * watch is connected. Otherwise (starting, reconnecting, or refused, e.g. an RBAC role without
 * {@code watch}) the caller lists as before. A watch the API server refused is not asked for again
 * in that namespace for {@link #RETRY_AFTER_NANOS}. Per namespace rather than cluster-wide, so that
 * RoleBindings limited to the namespaces remedy acts in are enough.
 *
 * <p>What a watch can miss is an autoscaler created in the last moments before the scale (the
 * watch's delay, milliseconds); an autoscaler it reports is read again by name before it is used
 * (see {@link Autoscalers#of}), so a stale entry never refuses a scale or records stale bounds.
 */
final class AutoscalerWatch implements Autoscalers.Owners, AutoCloseable {

  private static final String BY_TARGET = "scaleTarget";
  static final long RETRY_AFTER_NANOS = TimeUnit.MINUTES.toNanos(5);

  /** One namespace: its informer, or when the API server refused it. */
  private sealed interface Watch {}

  private record Running(
      SharedIndexInformer<HorizontalPodAutoscaler> informer, AtomicBoolean started)
      implements Watch {}

  private record Refused(long atNanos) implements Watch {}

  private final KubernetesClient client;
  private final Map<String, Watch> namespaces = new ConcurrentHashMap<>();
  private volatile boolean closed;

  AutoscalerWatch(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The names of the autoscalers whose scale target is {@code target}, as the watch of its
   * namespace sees them now; empty when the watch cannot tell (the caller lists). Starts the watch
   * of that namespace if none runs.
   */
  @Override
  public Optional<List<String>> owners(WorkloadRef target) {
    Watch watch = namespaces.compute(target.namespace(), this::keepOrCreate);
    if (!(watch instanceof Running running)) {
      return Optional.empty();
    }
    SharedIndexInformer<HorizontalPodAutoscaler> informer = running.informer();
    if (!running.started().getAndSet(true)) {
      start(target.namespace(), informer); // outside compute: a failure updates the map
      return Optional.empty();
    }
    if (!informer.hasSynced() || !informer.isWatching()) {
      return Optional.empty();
    }
    return Optional.of(
        informer.getIndexer().byIndex(BY_TARGET, key(target.kind().kind(), target.name())).stream()
            .map(hpa -> hpa.getMetadata().getName())
            .toList());
  }

  private Watch keepOrCreate(String namespace, Watch current) {
    if (closed) {
      return current;
    }
    return switch (current) {
      case Running running when !running.started().get() || running.informer().isRunning() ->
          running;
      case Refused refused when System.nanoTime() - refused.atNanos() < RETRY_AFTER_NANOS ->
          refused;
      case null, default -> create(namespace);
    };
  }

  private Watch create(String namespace) {
    Function<HorizontalPodAutoscaler, List<String>> byTarget =
        hpa -> {
          var ref = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
          return ref == null ? List.of() : List.of(key(ref.getKind(), ref.getName()));
        };
    SharedIndexInformer<HorizontalPodAutoscaler> informer =
        client
            .autoscaling()
            .v2()
            .horizontalPodAutoscalers()
            .inNamespace(namespace)
            .withIndexers(Map.of(BY_TARGET, byTarget))
            .runnableInformer(0);
    return new Running(informer, new AtomicBoolean());
  }

  private void start(String namespace, SharedIndexInformer<HorizontalPodAutoscaler> informer) {
    informer
        .start()
        .whenComplete(
            (started, failure) -> {
              if (failure != null) {
                refused(namespace, informer, failure);
              }
            });
  }

  private void refused(
      String namespace, SharedIndexInformer<HorizontalPodAutoscaler> informer, Throwable failure) {
    informer.stop();
    namespaces.computeIfPresent(
        namespace,
        (ns, watch) ->
            watch instanceof Running running && running.informer() == informer
                ? new Refused(System.nanoTime())
                : watch);
    if (!closed) {
      Log.warnf(
          "HorizontalPodAutoscalers in namespace %s cannot be watched (%s): each scale there lists"
              + " them instead, and the watch is asked for again in %d minutes. Grant watch on"
              + " horizontalpodautoscalers (the remedy-actions ClusterRole does).",
          namespace, failure.getMessage(), TimeUnit.NANOSECONDS.toMinutes(RETRY_AFTER_NANOS));
    }
  }

  private static String key(String kind, String name) {
    return kind + "/" + name;
  }

  @Override
  public void close() {
    closed = true;
    namespaces
        .values()
        .forEach(
            watch -> {
              if (watch instanceof Running running) {
                running.informer().stop();
              }
            });
    namespaces.clear();
  }
}
