package dev.remedy.adapter.kubernetes;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * GET and JSON merge PATCH of one namespaced object by its REST path, sent by the Kubernetes
 * client's own HTTP client (its authentication, TLS, request timeout and retries of failed
 * connections) but not through the client's DSL, and the answer read straight into maps.
 *
 * <p>Why by hand: these two requests are the whole of a workload step's work on the API server
 * (restart, scale, rollout status), and in the engine benchmark the DSL around them cost the
 * service about as much CPU as the requests themselves: building each URL with regular expressions
 * and {@code java.net.URI}, a JSON round trip of the object to patch (which the DSL copies), and
 * the answer bound to a typed object on the event loop that the webhook shares (BENCHMARKS.md, Run
 * engine, 2026-12-06). What is written here is a path made of four names and the reading of the
 * answer; failures become the client's own {@link KubernetesClientException}s, as the DSL makes
 * them, so they are classified in one place ({@link KubernetesFailures}).
 */
final class ObjectRequests {

  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};

  private final HttpClient http;
  private final String base;
  private final KubernetesSerialization serialization;
  private final long requestTimeoutMs;

  ObjectRequests(KubernetesClient client) {
    this.http = client.getHttpClient();
    String master = client.getMasterUrl().toString();
    this.base = master.endsWith("/") ? master : master + "/";
    this.serialization = client.getKubernetesSerialization();
    Integer timeout = client.getConfiguration().getRequestTimeout();
    this.requestTimeoutMs = timeout == null ? 0 : timeout;
  }

  /**
   * The REST path of a namespaced object, relative to the API server's URL: {@code
   * apis/<group>/<version>/namespaces/<namespace>/<plural>/<name>} ({@code api/v1/...} for the core
   * group). The names are URL-encoded, so any name stays one path segment, and one that is not a
   * Kubernetes name is answered 404, as through the DSL.
   */
  static String path(String group, String version, String plural, String namespace, String name) {
    return (group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version)
        + "/namespaces/"
        + encode(namespace)
        + "/"
        + plural
        + "/"
        + encode(name);
  }

  /** The object at {@code path} as a tree of maps, or null when the API server answers 404. */
  Map<String, Object> get(String path) {
    return send(http.newHttpRequestBuilder().uri(base + path), true);
  }

  /**
   * Sends a JSON merge patch ({@code dryRun=All} if asked); the object as the API server answers.
   */
  Map<String, Object> mergePatch(String path, String patch, boolean dryRun) {
    return send(
        http.newHttpRequestBuilder()
            .uri(base + path + (dryRun ? "?dryRun=All" : ""))
            .patch(MERGE_PATCH, patch),
        false);
  }

  private Map<String, Object> send(HttpRequest.Builder builder, boolean nullWhenNotFound) {
    if (requestTimeoutMs > 0) {
      builder.timeout(requestTimeoutMs, TimeUnit.MILLISECONDS);
    }
    HttpRequest request = builder.build();
    HttpResponse<byte[]> response;
    try {
      response = http.sendAsync(request, byte[].class).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw OperationSupport.requestException(request, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof KubernetesClientException k
          ? k
          : OperationSupport.requestException(request, cause, null);
    }
    if (nullWhenNotFound && response.code() == 404) {
      return null;
    }
    if (!response.isSuccessful()) {
      throw OperationSupport.requestFailure(
          request, OperationSupport.createStatus(response, serialization));
    }
    try {
      return Serialization.jsonMapper().readValue(response.body(), TREE);
    } catch (IOException e) {
      throw OperationSupport.requestException(request, e, "the answer is not a JSON object");
    }
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }
}
