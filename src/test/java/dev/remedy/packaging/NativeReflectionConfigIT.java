package dev.remedy.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native image will be able to bind every JSON shape of the application: each class Jackson
 * reads or writes by reflection ({@link JsonBoundTypes}, derived from the compiled code) is
 * registered for reflection, with its constructors and methods, in the configuration Quarkus
 * generates for native-image. A forgotten {@code @RegisterForReflection} fails here rather than as
 * an empty or refused JSON body in a user's native binary.
 *
 * <p>It also checks that the operator UI's templates and assets are resources of the image.
 *
 * <p>It reads what {@code ./mvnw package -Dnative -Dquarkus.native.sources-only=true} writes to
 * target/native-sources/ (no GraalVM needed), so it is not part of a plain {@code ./mvnw verify}
 * (the failsafe configuration excludes it); {@code .ci/run} builds the native sources and runs it
 * in the same Maven invocation:
 *
 * <pre>
 *   ./mvnw verify -Dnative -Dquarkus.native.sources-only=true -Dit.test=NativeReflectionConfigIT \
 *       -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class NativeReflectionConfigIT {

  private static final Path NATIVE_SOURCES = Path.of("target", "native-sources");
  private static final Path CLASSES = Path.of("target", "classes");
  private static final String BUILD =
      "./mvnw package -Dnative -Dquarkus.native.sources-only=true -DskipTests";

  private static Map<String, JsonNode> registered;

  @BeforeAll
  static void readTheGeneratedConfiguration() throws IOException {
    Path runner = runnerJar();
    assertThat(Files.getLastModifiedTime(runner))
        .as("%s is older than the compiled classes: rebuild the native sources (%s)", runner, BUILD)
        .isGreaterThanOrEqualTo(newestClass());
    registered = reflectionEntries(runner);
    assertThat(registered)
        .as(
            "%s holds no META-INF/native-image/**/reflect-config.json nor"
                + " reachability-metadata.json with entries: has Quarkus moved them?",
            runner)
        .isNotEmpty();
  }

  @Test
  void theDerivedListHoldsTheShapesKnownToNeedIt() {
    // A check of the derivation itself: if it ever stopped finding these, the other test would
    // pass for want of anything to check.
    assertThat(JsonBoundTypes.in(CLASSES))
        .containsKeys(
            "dev.remedy.adapter.alertmanager.WebhookPayloadV4",
            "dev.remedy.adapter.alertmanager.WebhookPayloadV4$AlertV4",
            "dev.remedy.adapter.alertmanager.AlertmanagerWebhookResource$IngestResponse",
            "dev.remedy.adapter.alertmanager.AlertmanagerWebhookResource$RunSummary",
            "dev.remedy.api.RunViews$RunDetail",
            "dev.remedy.api.RunViews$AttemptView",
            "dev.remedy.api.WorkflowViews$WorkflowDetail",
            "dev.remedy.api.AuditResource$EventList",
            "dev.remedy.api.ApprovalsResource$DecisionRequest",
            "dev.remedy.api.SimulateResource$SimulationView",
            "dev.remedy.workflow.Simulation$AlertOutcome",
            "dev.remedy.workflow.PlannedStep");
  }

  @Test
  void everyClassJacksonBindsIsRegisteredWithItsConstructorsAndMethods() {
    List<String> missing = new ArrayList<>();
    JsonBoundTypes.in(CLASSES)
        .forEach(
            (type, reachedFrom) -> {
              JsonNode entry = registered.get(type);
              if (entry == null) {
                missing.add(type + " is not registered (" + reachedFrom + ")");
              } else if (!constructorsAndMethods(entry)) {
                missing.add(type + " is registered without its constructors or methods: " + entry);
              }
            });
    assertThat(missing)
        .as(
            "JSON shapes the native image could not bind; annotate each with"
                + " @RegisterForReflection (a resource method's declared return type is registered"
                + " by Quarkus, an entity passed to Response.ok(...) is not)")
        .isEmpty();
  }

  /**
   * The operator UI works in a native image: every template and every asset of ours, and the htmx
   * script from its webjar, are resources of the image (a file left out would be a 404 or a missing
   * template only in the native binary).
   */
  @Test
  void theUiTemplatesAndAssetsAreNativeResources() throws IOException {
    List<String> included = new ArrayList<>();
    try (JarFile jar = new JarFile(runnerJar().toFile())) {
      for (JarEntry file : Collections.list(jar.entries())) {
        if (file.getName().startsWith("META-INF/native-image/")
            && file.getName().endsWith("/resource-config.json")) {
          for (JsonNode include :
              read(new ObjectMapper(), jar, file).path("resources").path("includes")) {
            included.add(include.path("pattern").asText().replace("\\Q", "").replace("\\E", ""));
          }
        }
      }
    }
    List<String> expected = new ArrayList<>();
    Path resources = Path.of("src", "main", "resources");
    for (String dir : List.of("templates", "META-INF/resources")) {
      try (Stream<Path> files = Files.walk(resources.resolve(dir))) {
        files
            .filter(Files::isRegularFile)
            .forEach(f -> expected.add(resources.relativize(f).toString().replace('\\', '/')));
      }
    }
    assertThat(expected)
        .contains("templates/layout.html", "META-INF/resources/ui/assets/remedy.js");
    assertThat(included).containsAll(expected);
    assertThat(included)
        .anyMatch(
            r -> r.matches("META-INF/resources/webjars/htmx\\.org/[^/]+/dist/htmx\\.min\\.js"));
  }

  private static boolean constructorsAndMethods(JsonNode entry) {
    boolean constructors =
        entry.path("allDeclaredConstructors").asBoolean()
            || entry.path("allPublicConstructors").asBoolean();
    boolean methods =
        entry.path("allDeclaredMethods").asBoolean() || entry.path("allPublicMethods").asBoolean();
    return constructors && methods;
  }

  private static Path runnerJar() throws IOException {
    assertThat(NATIVE_SOURCES)
        .as("no %s: build the native-image sources first: %s", NATIVE_SOURCES, BUILD)
        .isDirectory();
    try (Stream<Path> files = Files.list(NATIVE_SOURCES)) {
      List<Path> jars = files.filter(f -> f.toString().endsWith("-runner.jar")).toList();
      assertThat(jars).as("the runner jar in %s", NATIVE_SOURCES).hasSize(1);
      return jars.getFirst();
    }
  }

  private static FileTime newestClass() throws IOException {
    try (Stream<Path> files = Files.walk(CLASSES)) {
      return files
          .filter(Files::isRegularFile)
          .map(NativeReflectionConfigIT::modified)
          .max(FileTime::compareTo)
          .orElseThrow();
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Type name to its entry, from every reflection configuration in the jar: the legacy {@code
   * reflect-config.json} (an array of {@code {"name": ...}}, what Quarkus 3.33 writes) and the
   * unified {@code reachability-metadata.json} ({@code {"reflection": [{"type": ...}]}}).
   */
  private static Map<String, JsonNode> reflectionEntries(Path runner) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> entries = new HashMap<>();
    try (JarFile jar = new JarFile(runner.toFile())) {
      for (JarEntry file : Collections.list(jar.entries())) {
        String name = file.getName();
        if (!name.startsWith("META-INF/native-image/")) {
          continue;
        }
        JsonNode list;
        if (name.endsWith("/reflect-config.json")) {
          list = read(json, jar, file);
        } else if (name.endsWith("/reachability-metadata.json")) {
          list = read(json, jar, file).path("reflection");
        } else {
          continue;
        }
        for (JsonNode entry : list) {
          JsonNode type = entry.has("type") ? entry.get("type") : entry.get("name");
          if (type != null && type.isTextual()) {
            entries.merge(type.asText(), entry, NativeReflectionConfigIT::union);
          }
        }
      }
    }
    return entries;
  }

  private static JsonNode read(ObjectMapper json, JarFile jar, JarEntry file) throws IOException {
    try (InputStream in = jar.getInputStream(file)) {
      return json.readTree(in);
    }
  }

  /** A type listed twice is registered with the union of what each entry asks for. */
  private static JsonNode union(JsonNode a, JsonNode b) {
    ObjectNode merged = a.deepCopy();
    b.properties()
        .forEach(
            member -> {
              if (!merged.path(member.getKey()).asBoolean()) {
                merged.set(member.getKey(), member.getValue());
              }
            });
    return merged;
  }
}
