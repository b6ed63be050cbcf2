package dev.remedy.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Kubernetes manifests in deploy/: deploy/kubernetes.yml is what the Quarkus Kubernetes
 * extension generates for the PostgreSQL build (KubernetesManifestsIT compares it with the build's
 * target/kubernetes/kubernetes.yml after {@code package}; the manifests are not generated before
 * the test phase). Checked here: probes, resources, security contexts, the workflows ConfigMap at
 * the workflows directory, secrets from the Secret, the service account the RBAC is bound to, the
 * Service the README's Alertmanager receiver points at, and the kustomization that deploys it all
 * (built with {@code kubectl kustomize} when kubectl is installed).
 */
class KubernetesManifestsTest {

  static final Path DEPLOY = Path.of("deploy");
  static final Path MANIFESTS = DEPLOY.resolve("kubernetes.yml");
  static final String SECRET = "remedy-secrets";
  static final String WORKFLOWS_CONFIG_MAP = "remedy-workflows";
  static final String CONFIG_MAP = "remedy-config";

  /**
   * The Secret keys the Deployment reads one by one (SlackConfig: remedy.slack.*; the UI's session
   * key, shared by the replicas).
   */
  static final List<String> SECRET_KEYS =
      List.of(
          "REMEDY_WEBHOOK_TOKEN",
          "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY",
          "REMEDY_SLACK_BOT_TOKEN",
          "REMEDY_SLACK_SIGNING_SECRET",
          "QUARKUS_DATASOURCE_JDBC_URL",
          "QUARKUS_DATASOURCE_USERNAME",
          "QUARKUS_DATASOURCE_PASSWORD");

  private final List<Map<String, Object>> manifests = documents(MANIFESTS);
  private final Map<String, Object> deployment = only(manifests, "Deployment");
  private final Map<String, Object> podSpec = at(deployment, "spec", "template", "spec");
  private final Map<String, Object> container = container(podSpec);

  @Test
  void theBuildGeneratesADeploymentAServiceAServiceAccountAndTheRbac() {
    assertThat(manifests.stream().map(m -> m.get("kind") + "/" + name(m)))
        .containsExactlyInAnyOrder(
            "ServiceAccount/remedy",
            "Service/remedy",
            "Deployment/remedy",
            "ClusterRole/remedy-actions",
            "ClusterRoleBinding/remedy-actions");
    for (String kind : List.of("ServiceAccount", "Service", "Deployment")) {
      assertThat(at(only(manifests, kind), "metadata").get("namespace"))
          .as(kind)
          .isEqualTo("remedy");
    }
  }

  @Test
  void twoReplicasOfThePostgresqlBuild() {
    assertThat(at(deployment, "spec").get("replicas")).isEqualTo(2);
    assertThat(env()).containsKey("QUARKUS_DATASOURCE_JDBC_URL");
  }

  @Test
  void livenessAndReadinessProbesAskTheHealthEndpointsOnTheHttpPort() {
    int port = httpPort();
    Map<String, Object> liveness = at(container, "livenessProbe", "httpGet");
    Map<String, Object> readiness = at(container, "readinessProbe", "httpGet");
    assertThat(liveness).containsEntry("path", "/q/health/live");
    assertThat(readiness).containsEntry("path", "/q/health/ready");
    for (Map<String, Object> probe : List.of(liveness, readiness)) {
      assertThat(probe.get("port")).isIn(port, "http");
    }
  }

  @Test
  void requestsAndLimitsAreSet() {
    Map<String, Object> resources = at(container, "resources");
    assertThat(at(resources, "requests")).containsKeys("cpu", "memory");
    assertThat(at(resources, "limits")).containsKeys("cpu", "memory");
  }

  @Test
  void runsAsNonRootOnAReadOnlyRootWithEmptyDirsWhereItWrites() {
    assertThat(at(podSpec, "securityContext")).containsEntry("runAsNonRoot", true);
    Map<String, Object> security = at(container, "securityContext");
    assertThat(security)
        .containsEntry("readOnlyRootFilesystem", true)
        .containsEntry("allowPrivilegeEscalation", false);
    assertThat(at(security, "capabilities").get("drop")).asList().containsExactly("ALL");

    Map<String, Map<String, Object>> volumes = volumes();
    Map<String, String> mounts = mounts();
    assertThat(volumes.get(volumeAt(mounts, "/tmp"))).containsKey("emptyDir");
    String dataDir = "/deployments/data";
    assertThat(volumes.get(volumeAt(mounts, dataDir))).containsKey("emptyDir");
    assertThat(value("REMEDY_AUDIT_ARCHIVE_DIR")).startsWith(dataDir + "/");
  }

  @Test
  void workflowsComeReadOnlyFromTheConfigMapMountedAtTheWorkflowsDirectory() {
    String dir = value("REMEDY_WORKFLOWS_DIR");
    String volume = volumeAt(mounts(), dir);
    assertThat(at(volumes().get(volume), "configMap")).containsEntry("name", WORKFLOWS_CONFIG_MAP);
    Map<String, Object> mount =
        list(container.get("volumeMounts")).stream()
            .map(KubernetesManifestsTest::map)
            .filter(m -> volume.equals(m.get("name")))
            .findFirst()
            .orElseThrow();
    assertThat(mount).containsEntry("readOnly", true);
  }

  @Test
  void theWebhookTokenSlackAndDatabaseSecretsComeFromTheSecret() {
    Map<String, Map<String, Object>> env = env();
    for (String key : SECRET_KEYS) {
      assertThat(env).as(key).containsKey(key);
      assertThat(env.get(key)).as(key).doesNotContainKey("value");
      assertThat(at(env.get(key), "valueFrom", "secretKeyRef"))
          .as(key)
          .containsEntry("name", SECRET)
          .containsEntry("key", key);
    }
    // The rest of the configuration: every key of the ConfigMap.
    assertThat(list(container.get("envFrom")))
        .extracting(e -> at(map(e), "configMapRef").get("name"))
        .containsExactly(CONFIG_MAP);
    // No secret is written into the manifests themselves.
    env.forEach(
        (name, var) -> {
          if (var.containsKey("value")) {
            assertThat(name).doesNotContain("TOKEN", "SECRET", "PASSWORD");
          }
        });
  }

  @Test
  void theClusterRoleBindingBindsTheRbacRoleToTheDeploymentsServiceAccount() throws IOException {
    Map<String, Object> account = only(manifests, "ServiceAccount");
    assertThat(podSpec.get("serviceAccountName")).isEqualTo(name(account));
    Map<String, Object> binding = only(manifests, "ClusterRoleBinding");
    assertThat(list(binding.get("subjects")))
        .extracting(KubernetesManifestsTest::map)
        .containsExactly(
            Map.of(
                "kind", "ServiceAccount",
                "name", name(account),
                "namespace", at(account, "metadata").get("namespace")));
    assertThat(at(binding, "roleRef"))
        .containsEntry("kind", "ClusterRole")
        .containsEntry("name", name(only(manifests, "ClusterRole")));
    // The role deployed is the one RbacTest checks against the actions.
    Map<String, Object> source =
        only(documents(Path.of("src/main/kubernetes/kubernetes.yml")), "ClusterRole");
    assertThat(only(manifests, "ClusterRole").get("rules")).isEqualTo(source.get("rules"));
    // Only that role: no other binding (the Kubernetes client extension would add "view").
    assertThat(manifests)
        .extracting(m -> m.get("kind"))
        .doesNotContain("RoleBinding", "Role")
        .containsOnlyOnce("ClusterRoleBinding");
  }

  @Test
  void theServiceSelectsThePodsAndTheReadmesAlertmanagerReceiverPointsAtIt() throws IOException {
    Map<String, Object> service = only(manifests, "Service");
    Map<String, Object> podLabels = at(deployment, "spec", "template", "metadata", "labels");
    assertThat(podLabels).containsAllEntriesOf(at(service, "spec", "selector"));
    assertThat(at(deployment, "spec", "selector", "matchLabels"))
        .isEqualTo(at(service, "spec", "selector"));
    Map<String, Object> port = map(list(at(service, "spec").get("ports")).getFirst());
    assertThat(port.get("targetPort")).isIn(httpPort(), "http");

    URI receiver = readmeReceiverUrl();
    assertThat(receiver.getHost())
        .isEqualTo(name(service) + "." + at(service, "metadata").get("namespace") + ".svc");
    assertThat(receiver.getPort()).isEqualTo(port.get("port"));
    assertThat(receiver.getPath()).isEqualTo("/webhooks/alertmanager");
  }

  @Test
  void theKustomizationDeploysTheCopyWithEveryWorkflowAndTheSecretFromAnUncommittedFile()
      throws IOException {
    Map<String, Object> kustomization = documents(DEPLOY.resolve("kustomization.yaml")).getFirst();
    assertThat(kustomization.get("resources")).asList().contains("kubernetes.yml");
    assertThat(kustomization.get("namespace"))
        .isEqualTo(at(deployment, "metadata").get("namespace"));
    Map<String, Object> workflows =
        generator(kustomization, "configMapGenerator", WORKFLOWS_CONFIG_MAP);
    assertThat(workflows.get("files")).asList().containsExactlyElementsOf(workflowFiles());
    assertThat(at(workflows, "options")).containsEntry("disableNameSuffixHash", true);
    assertThat(generator(kustomization, "configMapGenerator", CONFIG_MAP).get("envs"))
        .asList()
        .containsExactly("config.env");
    assertThat(envFile(DEPLOY.resolve("config.env")).keySet())
        .allSatisfy(key -> assertThat(key).doesNotContain("TOKEN", "SECRET", "PASSWORD"));
    Map<String, Object> secret = generator(kustomization, "secretGenerator", SECRET);
    assertThat(secret.get("envs")).asList().containsExactly("secrets.env");
    assertThat(Files.readAllLines(Path.of(".gitignore"))).contains("deploy/secrets.env");
  }

  @Test
  void theSecretExampleHasEveryKeyTheDeploymentReadsAndNoRealValue() throws IOException {
    Map<String, String> example = envFile(DEPLOY.resolve("secrets.example.env"));
    assertThat(example.keySet()).containsExactlyInAnyOrderElementsOf(SECRET_KEYS);
    for (String key : List.of("REMEDY_WEBHOOK_TOKEN", "QUARKUS_DATASOURCE_PASSWORD")) {
      assertThat(example.get(key)).as(key).startsWith("change-me");
    }
    assertThat(example.get("REMEDY_SLACK_BOT_TOKEN")).isEmpty();
    assertThat(example.get("REMEDY_SLACK_SIGNING_SECRET")).isEmpty();
    assertThat(example.get("QUARKUS_DATASOURCE_JDBC_URL")).startsWith("jdbc:postgresql://");
  }

  @Test
  void kubectlKustomizeBuildsItWithTheGeneratedConfigMapAndSecretWiredIn(@TempDir Path tmp)
      throws Exception {
    assumeTrue(kustomizeAvailable(), "kubectl (with kustomize) is not installed");
    // A copy, with the example as secrets.env: the real one is never in the repository.
    Path deploy = Files.createDirectories(tmp.resolve("deploy"));
    for (String file : List.of("kustomization.yaml", "kubernetes.yml", "config.env")) {
      Files.copy(DEPLOY.resolve(file), deploy.resolve(file));
    }
    Files.copy(DEPLOY.resolve("secrets.example.env"), deploy.resolve("secrets.env"));
    Path workflows = Files.createDirectories(tmp.resolve("workflows"));
    for (String file : workflowFiles()) {
      Path source = DEPLOY.resolve(file).normalize();
      Files.copy(source, workflows.resolve(source.getFileName()));
    }

    String built =
        output(
            "kubectl", "kustomize", "--load-restrictor", "LoadRestrictionsNone", deploy.toString());
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(built)) {
      objects.add(map(doc));
    }

    Map<String, Object> configMap = named(objects, "ConfigMap", WORKFLOWS_CONFIG_MAP);
    assertThat(at(configMap, "metadata")).containsEntry("namespace", "remedy");
    assertThat(at(configMap, "data").keySet())
        .containsExactlyInAnyOrderElementsOf(
            workflowFiles().stream().map(f -> Path.of(f).getFileName().toString()).toList());

    Map<String, Object> secret = named(objects, "Secret", SECRET + "-");
    Map<String, Object> config = named(objects, "ConfigMap", CONFIG_MAP + "-");
    assertThat(at(secret, "metadata")).containsEntry("namespace", "remedy");
    assertThat(at(secret, "data").keySet()).containsAll(SECRET_KEYS);

    // The Deployment refers to the hashed names (a change rolls the pods), everywhere.
    Map<String, Object> deployed =
        container(at(only(objects, "Deployment"), "spec", "template", "spec"));
    for (Object var : list(deployed.get("env"))) {
      Optional.ofNullable(map(var).get("valueFrom"))
          .map(v -> map(v).get("secretKeyRef"))
          .ifPresent(ref -> assertThat(map(ref)).containsEntry("name", name(secret)));
    }
    assertThat(at(map(list(deployed.get("envFrom")).getFirst()), "configMapRef"))
        .containsEntry("name", name(config));
    assertThat(objects)
        .extracting(KubernetesManifestsTest::name)
        .contains("remedy", "remedy-actions");
  }

  // ------------------------------------------------------------------ helpers

  /** The workflow files, as the kustomization lists them (relative to deploy/). */
  private static List<String> workflowFiles() {
    try (Stream<Path> files = Files.list(Path.of("workflows"))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".yaml"))
          .sorted()
          .map(f -> "../workflows/" + f)
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The webhook URL of the README's in-cluster Alertmanager receiver (Deploy to Kubernetes). */
  private static URI readmeReceiverUrl() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    Matcher url = Pattern.compile("url: (http://remedy\\.[^\\s]+)").matcher(readme);
    assertThat(url.find()).as("a receiver URL on the Service in the README").isTrue();
    return URI.create(url.group(1));
  }

  private static Map<String, Object> generator(
      Map<String, Object> kustomization, String key, String name) {
    return list(kustomization.get(key)).stream()
        .map(KubernetesManifestsTest::map)
        .filter(g -> name.equals(g.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " " + name));
  }

  private int httpPort() {
    Map<String, Object> port =
        list(container.get("ports")).stream()
            .map(KubernetesManifestsTest::map)
            .filter(p -> "http".equals(p.get("name")))
            .findFirst()
            .orElseThrow();
    assertThat(port.get("containerPort")).isEqualTo(8080);
    return 8080;
  }

  private Map<String, Map<String, Object>> env() {
    Map<String, Map<String, Object>> env = new LinkedHashMap<>();
    for (Object var : list(container.get("env"))) {
      env.put((String) map(var).get("name"), map(var));
    }
    return env;
  }

  private String value(String envName) {
    Object value = env().get(envName).get("value");
    assertThat(value).as(envName).isInstanceOf(String.class);
    return (String) value;
  }

  private Map<String, Map<String, Object>> volumes() {
    Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
    for (Object volume : list(podSpec.get("volumes"))) {
      volumes.put((String) map(volume).get("name"), map(volume));
    }
    return volumes;
  }

  /** Mount path to volume name. */
  private Map<String, String> mounts() {
    Map<String, String> mounts = new LinkedHashMap<>();
    for (Object mount : list(container.get("volumeMounts"))) {
      mounts.put((String) map(mount).get("mountPath"), (String) map(mount).get("name"));
    }
    return mounts;
  }

  private static String volumeAt(Map<String, String> mounts, String path) {
    assertThat(mounts).as("a volume mounted at " + path).containsKey(path);
    return mounts.get(path);
  }

  static Map<String, Object> container(Map<String, Object> podSpec) {
    return list(podSpec.get("containers")).stream()
        .map(KubernetesManifestsTest::map)
        .filter(c -> "remedy".equals(c.get("name")))
        .findFirst()
        .orElseThrow();
  }

  static List<Map<String, Object>> documents(Path file) {
    try {
      List<Map<String, Object>> documents = new ArrayList<>();
      for (Object doc :
          new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
        if (doc != null) {
          documents.add(map(doc));
        }
      }
      return documents;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The one object of that kind whose name is {@code name}, or starts with it if it ends in -. */
  private static Map<String, Object> named(
      List<Map<String, Object>> objects, String kind, String name) {
    List<Map<String, Object>> matching =
        objects.stream()
            .filter(o -> kind.equals(o.get("kind")))
            .filter(o -> name.endsWith("-") ? name(o).startsWith(name) : name(o).equals(name))
            .toList();
    assertThat(matching).as(kind + " " + name).hasSize(1);
    return matching.getFirst();
  }

  static Map<String, Object> only(List<Map<String, Object>> objects, String kind) {
    List<Map<String, Object>> matching =
        objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    assertThat(matching).as(kind).hasSize(1);
    return matching.getFirst();
  }

  static String name(Map<String, Object> object) {
    return (String) at(object, "metadata").get("name");
  }

  static Map<String, Object> at(Map<String, Object> object, String... path) {
    Map<String, Object> current = object;
    for (String key : path) {
      assertThat(current).as(String.join(".", path)).containsKey(key);
      current = map(current.get(key));
    }
    return current;
  }

  private static Map<String, String> envFile(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int eq = line.indexOf('=');
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return values;
  }

  private static boolean kustomizeAvailable() {
    boolean onPath =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl")));
    if (!onPath) {
      return false;
    }
    try {
      Process process =
          new ProcessBuilder("kubectl", "kustomize", "--help").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** The standard output of a command that must succeed (its errors go to the test's log). */
  private static String output(String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    return output;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<Object>) value;
  }
}
