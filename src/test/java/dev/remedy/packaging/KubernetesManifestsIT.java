package dev.remedy.packaging;

import static dev.remedy.packaging.KubernetesManifestsTest.MANIFESTS;
import static dev.remedy.packaging.KubernetesManifestsTest.at;
import static dev.remedy.packaging.KubernetesManifestsTest.documents;
import static dev.remedy.packaging.KubernetesManifestsTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes.yml, which KubernetesManifestsTest checks, is what the build generates. The
 * Quarkus Kubernetes extension writes target/kubernetes/ during {@code package}, so this runs after
 * it (failsafe, {@code ./mvnw verify}). The PostgreSQL build must generate the copy byte for byte;
 * the H2 build differs in one place only: one replica, since its database belongs to one process.
 */
class KubernetesManifestsIT {

  private static final Path GENERATED = Path.of("target", "kubernetes");
  private static final String REGENERATE =
      "deploy/kubernetes.yml is not what the build generates; after changing quarkus.kubernetes.*"
          + " or src/main/kubernetes, regenerate it: ./mvnw package -Ppostgresql -DskipTests"
          + " && cp target/kubernetes/kubernetes.yml deploy/";

  @Test
  void theCommittedCopyIsWhatTheBuildGenerates() throws IOException {
    Path generated = GENERATED.resolve("kubernetes.yml");
    assertThat(generated).exists();
    assertThat(GENERATED.resolve("kubernetes.json")).exists();
    if ("postgresql".equals(System.getProperty("quarkus.datasource.db-kind"))) {
      assertThat(Files.readString(generated)).as(REGENERATE).isEqualTo(Files.readString(MANIFESTS));
      return;
    }
    List<Map<String, Object>> built = documents(generated);
    List<Map<String, Object>> copy = documents(MANIFESTS);
    Map<String, Object> builtSpec = at(only(built, "Deployment"), "spec");
    // One replica, Kubernetes' default: the extension leaves the field out.
    assertThat(builtSpec.getOrDefault("replicas", 1)).as("replicas of the H2 build").isEqualTo(1);
    builtSpec.put("replicas", at(only(copy, "Deployment"), "spec").get("replicas"));
    assertThat(built).as(REGENERATE).isEqualTo(copy);
  }
}
