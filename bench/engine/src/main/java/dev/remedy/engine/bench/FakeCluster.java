package dev.remedy.engine.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake cluster: Fabric8's {@link KubernetesMockServer} in CRUD mode (an in-memory API server
 * that stores what is created and applies patches), over plain HTTP on 127.0.0.1 and a free port.
 *
 * <p>It also notes, for every run, when the first PATCH of its {@code restart} step arrived (the
 * service marks each patch with the {@code remedy.dev/run-id} and {@code remedy.dev/step}
 * annotations): the moment the first mutating call reached the cluster, on this process's clock.
 */
final class FakeCluster implements AutoCloseable {

  static final String NAMESPACE = "bench";

  private static final Pattern RUN_ID =
      Pattern.compile("\"remedy\\.dev/run-id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern STEP = Pattern.compile("\"remedy\\.dev/step\"\\s*:\\s*\"([^\"]+)\"");

  // Held: java.util.logging keeps loggers weakly, and a collected one forgets its level.
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final Map<String, Long> firstPatchNanos = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong patches = new AtomicLong();
  private final Thread drainer;
  private volatile boolean closed;

  FakeCluster() {
    // The mock server logs every request at INFO through java.util.logging: far too much here.
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    KubernetesCrudDispatcher dispatcher =
        new KubernetesCrudDispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.incrementAndGet();
            if ("PATCH".equals(request.getMethod())) {
              long now = System.nanoTime();
              patches.incrementAndGet();
              // getBytes() leaves the body in place (getUtf8Body() would consume it).
              notePatch(
                  request.getBody() == null
                      ? null
                      : new String(
                          request.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8),
                  now);
            }
            return super.dispatch(request);
          }
        };
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.start(InetAddress.getLoopbackAddress(), 0);
    // MockWebServer keeps every request it received in a queue for takeRequest(): empty it, or a
    // long run keeps every patch body in memory.
    drainer =
        Thread.ofPlatform()
            .daemon()
            .name("fake-cluster-drain")
            .start(
                () -> {
                  while (!closed) {
                    try {
                      server.takeRequest(200, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
  }

  private void notePatch(String body, long now) {
    if (body == null) {
      return;
    }
    Matcher step = STEP.matcher(body);
    if (!step.find() || !"restart".equals(step.group(1))) {
      return;
    }
    Matcher run = RUN_ID.matcher(body);
    if (run.find()) {
      firstPatchNanos.putIfAbsent(run.group(1), now);
    }
  }

  /** The API server's URL, for {@code quarkus.kubernetes-client.api-server-url}. */
  String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Creates namespace {@link #NAMESPACE} and Deployments d-0 … d-(n-1), fully rolled out. */
  void createDeployments(int n) {
    try (KubernetesClient client = server.createClient()) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
      for (int i = 0; i < n; i++) {
        client.apps().deployments().inNamespace(NAMESPACE).resource(deployment("d-" + i)).create();
      }
      // Check what a worker will read: the mock keeps the status given at creation.
      Deployment d0 = client.apps().deployments().inNamespace(NAMESPACE).withName("d-0").get();
      if (d0 == null
          || d0.getStatus() == null
          || !Integer.valueOf(2).equals(d0.getStatus().getUpdatedReplicas())) {
        throw new IllegalStateException("the fake cluster did not keep Deployment d-0: " + d0);
      }
    }
  }

  private static Deployment deployment(String name) {
    Map<String, String> labels = Map.of("app", name);
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .withLabels(labels)
        .withGeneration(1L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withNewSelector()
        .withMatchLabels(labels)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("registry.example/" + name + ":1.0")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withReplicas(2)
        .withUpdatedReplicas(2)
        .withReadyReplicas(2)
        .withAvailableReplicas(2)
        .addNewCondition()
        .withType("Available")
        .withStatus("True")
        .withReason("MinimumReplicasAvailable")
        .endCondition()
        .addNewCondition()
        .withType("Progressing")
        .withStatus("True")
        .withReason("NewReplicaSetAvailable")
        .endCondition()
        .endStatus()
        .build();
  }

  /** When the first restart PATCH of that run arrived ({@link System#nanoTime()}), or null. */
  Long firstPatchNanos(String runId) {
    return firstPatchNanos.get(runId);
  }

  long requests() {
    return requests.get();
  }

  long patches() {
    return patches.get();
  }

  @Override
  public void close() {
    closed = true;
    drainer.interrupt();
    server.shutdown();
  }
}
