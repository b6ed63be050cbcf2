package dev.remedy.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Docker Compose demo (docker/docker-compose.yml) is wired as the README says: the services
 * find each other, secrets come from docker/.env, every container runs on a read-only root with a
 * health check, and the health probe of the compose file and of both Dockerfiles works without
 * curl. Alertmanager's and Prometheus' own checkers validate their configs when installed (.ci/run
 * installs them). The GitHub workflow is checked here too (it cannot run on this machine), and so
 * is the Slack app manifest in the README.
 */
class ComposeFileTest {

  private static final Path DOCKER = Path.of("docker");
  private static final Path COMPOSE = DOCKER.resolve("docker-compose.yml");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)");

  private final Map<String, Object> compose = yaml(COMPOSE);

  @Test
  void theFourServicesAreThere() {
    assertThat(services().keySet())
        .containsExactlyInAnyOrder("remedy", "postgres", "alertmanager", "prometheus");
  }

  @Test
  void remedyIsTheJvmImageOfThePostgresqlBuildAndWaitsForAHealthyDatabase() {
    Map<String, Object> remedy = service("remedy");
    assertThat(map(remedy.get("build")))
        .containsEntry("context", "..")
        .containsEntry("dockerfile", "docker/Dockerfile.jvm");
    assertThat(map(map(remedy.get("depends_on")).get("postgres")))
        .containsEntry("condition", "service_healthy");
  }

  @Test
  void theJdbcUrlPointsAtThePostgresServiceAndItsDatabaseWithTheSameCredentials() {
    Map<String, Object> env = environment("remedy");
    Map<String, Object> pg = environment("postgres");
    URI url = URI.create(((String) env.get("QUARKUS_DATASOURCE_JDBC_URL")).substring(5));
    assertThat(url.getScheme()).isEqualTo("postgresql");
    assertThat(url.getHost()).isEqualTo("postgres");
    assertThat(url.getPort()).isEqualTo(5432);
    assertThat(url.getPath()).isEqualTo("/" + pg.get("POSTGRES_DB"));
    assertThat(env.get("QUARKUS_DATASOURCE_USERNAME")).isEqualTo(pg.get("POSTGRES_USER"));
    assertThat(variables(env.get("QUARKUS_DATASOURCE_PASSWORD")))
        .isEqualTo(variables(pg.get("POSTGRES_PASSWORD")))
        .containsExactly("REMEDY_DB_PASSWORD");
  }

  @Test
  void alertmanagerSendsEveryAlertToRemedysWebhookWithTheSameBearerToken() {
    Map<String, Object> am = yaml(DOCKER.resolve("alertmanager.yml"));
    Map<String, Object> route = map(am.get("route"));
    assertThat(route.get("group_by")).asList().contains("alertname");
    assertThat(route).containsKey("repeat_interval");
    Map<String, Object> receiver =
        list(am.get("receivers")).stream()
            .map(ComposeFileTest::map)
            .filter(r -> r.get("name").equals(route.get("receiver")))
            .findFirst()
            .orElseThrow();
    Map<String, Object> webhook = map(list(receiver.get("webhook_configs")).getFirst());
    URI url = URI.create((String) webhook.get("url"));
    assertThat(url.getHost()).isEqualTo("remedy");
    assertThat(url.getPort()).isEqualTo(8080);
    assertThat(dockerfile("Dockerfile.jvm")).contains("EXPOSE 8080");
    assertThat(url.getPath()).isEqualTo("/webhooks/alertmanager");

    // The token file is the compose secret made from REMEDY_WEBHOOK_TOKEN, which remedy gets too.
    Map<String, Object> auth = map(map(webhook.get("http_config")).get("authorization"));
    assertThat(auth).containsEntry("type", "Bearer");
    String secret = ((String) auth.get("credentials_file")).replace("/run/secrets/", "");
    assertThat(service("alertmanager").get("secrets")).asList().contains(secret);
    assertThat(map(map(compose.get("secrets")).get(secret)))
        .containsEntry("environment", "REMEDY_WEBHOOK_TOKEN");
    assertThat(variables(environment("remedy").get("REMEDY_WEBHOOK_TOKEN")))
        .containsExactly("REMEDY_WEBHOOK_TOKEN");
    assertMounted("alertmanager", "./alertmanager.yml", "--config.file=");
  }

  @Test
  void prometheusScrapesRemedyAndAlertsThroughAlertmanager() {
    Map<String, Object> prom = yaml(DOCKER.resolve("prometheus.yml"));
    Map<String, Object> alertmanagers =
        map(list(map(prom.get("alerting")).get("alertmanagers")).getFirst());
    assertThat(targets(alertmanagers)).containsExactly("alertmanager:9093");
    Map<String, Object> scrapeRemedy =
        list(prom.get("scrape_configs")).stream()
            .map(ComposeFileTest::map)
            .filter(c -> c.get("job_name").equals("remedy"))
            .findFirst()
            .orElseThrow();
    assertThat(scrapeRemedy).containsEntry("metrics_path", "/q/metrics");
    assertThat(targets(scrapeRemedy)).containsExactly("remedy:8080");
    assertMounted("prometheus", "./prometheus.yml", "--config.file=");
    for (Object ruleFile : list(prom.get("rule_files"))) {
      assertThat(service("prometheus").get("volumes"))
          .asList()
          .contains("./" + ruleFile + ":/etc/prometheus/" + ruleFile + ":ro");
    }
  }

  @Test
  void workflowsAreMountedReadOnlyWhereRemedyReadsThemAndDataIsAVolume() {
    List<Object> volumes = list(service("remedy").get("volumes"));
    assertThat(volumes).contains("../workflows:/deployments/workflows:ro");
    assertThat(environment("remedy"))
        .containsEntry("REMEDY_WORKFLOWS_DIR", "/deployments/workflows");
    assertThat(volumes).contains("remedy-data:/deployments/data");
    assertThat(map(compose.get("volumes"))).containsKey("remedy-data");
    assertThat(dockerfile("Dockerfile.jvm"))
        .contains("VOLUME [\"/deployments/data\"]")
        .contains("ENV REMEDY_WORKFLOWS_DIR=/deployments/workflows")
        .contains("USER 185");
    assertThat(dockerfile("Dockerfile.native"))
        .contains("VOLUME [\"/work/data\"]")
        .contains("USER 1001");
  }

  @Test
  void everyServiceHasAReadOnlyRootAHealthCheckAndItsBindMountsExist() {
    services()
        .forEach(
            (name, value) -> {
              Map<String, Object> service = map(value);
              assertThat(service.get("read_only")).as(name).isEqualTo(true);
              assertThat(map(service.get("healthcheck"))).as(name).containsKey("test");
              for (Object volume : list(service.getOrDefault("volumes", List.of()))) {
                String source = ((String) volume).split(":")[0];
                if (source.startsWith(".")) {
                  assertThat(DOCKER.resolve(source)).as(name + " mounts " + source).exists();
                }
              }
            });
    assertThat(String.join(" ", strings(map(service("remedy").get("healthcheck")).get("test"))))
        .contains("/q/health/ready");
  }

  @Test
  void everySecretComesFromTheEnvFileWhoseExampleHoldsNoRealValue() throws IOException {
    Map<String, String> example = envFile(DOCKER.resolve(".env.example"));
    assertThat(example.keySet()).containsAll(variables(Files.readString(COMPOSE)));
    for (String key :
        List.of(
            "REMEDY_WEBHOOK_TOKEN",
            "REMEDY_DB_PASSWORD",
            "REMEDY_ADMIN_PASSWORD",
            "REMEDY_SESSION_KEY")) {
      assertThat(example.get(key)).as(key).startsWith("change-me");
    }
    assertThat(example.get("REMEDY_SLACK_BOT_TOKEN")).isEmpty();
    assertThat(example.get("REMEDY_SLACK_SIGNING_SECRET")).isEmpty();
    assertThat(Files.readAllLines(Path.of(".gitignore"))).contains("docker/.env");
  }

  @Test
  void theHealthProbesAnswerReadyWithoutCurl() throws Exception {
    List<List<String>> probes = new ArrayList<>();
    // Compose escapes $ as $$.
    probes.add(
        strings(map(service("remedy").get("healthcheck")).get("test")).stream()
            .skip(1)
            .map(s -> s.replace("$$", "$"))
            .toList());
    probes.add(dockerHealthcheck("Dockerfile.jvm"));
    probes.add(dockerHealthcheck("Dockerfile.native"));
    for (List<String> probe : probes) {
      assertThat(probe.getFirst()).isEqualTo("bash");
      assertThat(runProbe(probe, 200)).as("ready: %s", probe).isZero();
      assertThat(runProbe(probe, 503)).as("not ready: %s", probe).isNotZero();
    }
  }

  @Test
  void amtoolAcceptsTheAlertmanagerConfig() throws Exception {
    assumeTrue(onPath("amtool"), "amtool is not installed (.ci/run installs it)");
    assertThat(run("amtool", "check-config", "docker/alertmanager.yml")).isZero();
  }

  @Test
  void promtoolAcceptsThePrometheusConfigAndRules() throws Exception {
    assumeTrue(onPath("promtool"), "promtool is not installed (.ci/run installs it)");
    assertThat(run("promtool", "check", "config", "docker/prometheus.yml")).isZero();
    assertThat(run("promtool", "check", "rules", "docker/alert-rules.yml")).isZero();
  }

  @Test
  void theGithubWorkflowRunsCiAndTheNativeItSuite() {
    Map<String, Object> ci = yaml(Path.of(".github/workflows/ci.yml"));
    assertThat(map(ci.get("on"))).containsKeys("push", "pull_request");
    Map<String, Object> jobs = map(ci.get("jobs"));
    assertThat(jobs).containsOnlyKeys("test", "native");
    for (String job : jobs.keySet()) {
      Map<String, Object> steps = map(jobs.get(job));
      assertThat(map(steps.get("services"))).as(job).containsKey("postgres");
      Map<String, Object> java = step(steps, "actions/setup-java@v4");
      assertThat(map(java.get("with"))).as(job).containsEntry("java-version", "21");
    }
    assertThat(runs(map(jobs.get("test")))).contains(".ci/run").contains("prometheus-alertmanager");
    assertThat(runs(map(jobs.get("native"))))
        .contains("./mvnw")
        .contains(" verify ")
        .contains("-Dnative")
        .contains("-Ppostgresql")
        .contains("-Dquarkus.native.container-build=true");
  }

  @Test
  void theReadmesSlackAppManifestAsksForChatWriteAndPointsInteractivityAtRemedy()
      throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    Matcher block =
        Pattern.compile("```yaml\n(display_information:.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).isTrue();
    Map<String, Object> manifest =
        map(new Load(LoadSettings.builder().build()).loadFromString(block.group(1)));
    assertThat(strings(map(map(manifest.get("oauth_config")).get("scopes")).get("bot")))
        .containsExactly("chat:write");
    Map<String, Object> interactivity = map(map(manifest.get("settings")).get("interactivity"));
    assertThat(interactivity).containsEntry("is_enabled", true);
    assertThat((String) interactivity.get("request_url"))
        .startsWith("https://")
        .endsWith("/webhooks/slack/interactions");
  }

  // ------------------------------------------------------------------ helpers

  private void assertMounted(String serviceName, String source, String flag) {
    Map<String, Object> service = service(serviceName);
    String target =
        strings(service.get("command")).stream()
            .filter(arg -> arg.startsWith(flag))
            .findFirst()
            .orElseThrow()
            .substring(flag.length());
    assertThat(service.get("volumes")).asList().contains(source + ":" + target + ":ro");
  }

  private static List<String> targets(Map<String, Object> config) {
    return strings(map(list(config.get("static_configs")).getFirst()).get("targets"));
  }

  private static Map<String, Object> step(Map<String, Object> job, String uses) {
    return list(job.get("steps")).stream()
        .map(ComposeFileTest::map)
        .filter(s -> uses.equals(s.get("uses")))
        .findFirst()
        .orElseThrow();
  }

  private static String runs(Map<String, Object> job) {
    StringBuilder all = new StringBuilder();
    list(job.get("steps")).stream()
        .map(ComposeFileTest::map)
        .filter(s -> s.containsKey("run"))
        .forEach(s -> all.append(s.get("run")).append('\n'));
    return all.toString();
  }

  private Map<String, Object> services() {
    return map(compose.get("services"));
  }

  private Map<String, Object> service(String name) {
    return map(services().get(name));
  }

  private Map<String, Object> environment(String name) {
    return map(service(name).get("environment"));
  }

  private static TreeSet<String> variables(Object text) {
    TreeSet<String> names = new TreeSet<>();
    Matcher m = VARIABLE.matcher(String.valueOf(text));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static Map<String, String> envFile(Path file) throws IOException {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int eq = line.indexOf('=');
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return values;
  }

  private static String dockerfile(String name) {
    try {
      return Files.readString(DOCKER.resolve(name));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The exec-form command of a Dockerfile's HEALTHCHECK (continuation lines joined). */
  private static List<String> dockerHealthcheck(String name) throws IOException {
    String joined = dockerfile(name).replace("\\\n", " ");
    String line =
        joined.lines().filter(l -> l.startsWith("HEALTHCHECK ")).findFirst().orElseThrow();
    String json = line.substring(line.indexOf("CMD [") + 4);
    return List.of(new ObjectMapper().readValue(json, String[].class));
  }

  /** Runs a probe written for port 8080 against a local server answering /q/health/ready. */
  private static int runProbe(List<String> probe, int status) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/q/health/ready",
        exchange -> {
          byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String port = String.valueOf(server.getAddress().getPort());
      List<String> command =
          probe.stream().map(arg -> arg.replace("127.0.0.1/8080", "127.0.0.1/" + port)).toList();
      assertThat(command).isNotEqualTo(probe);
      return run(command.toArray(String[]::new));
    } finally {
      server.stop(0);
    }
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  private static int run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    if (process.exitValue() != 0) {
      System.out.println(String.join(" ", command) + ":\n" + output);
    }
    return process.exitValue();
  }

  static Map<String, Object> yaml(Path file) {
    try {
      Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
      return map(doc);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<Object>) value;
  }

  private static List<String> strings(Object value) {
    return list(value).stream().map(String::valueOf).toList();
  }
}
