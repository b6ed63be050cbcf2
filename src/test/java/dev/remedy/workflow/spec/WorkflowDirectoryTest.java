package dev.remedy.workflow.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remedy.workflow.Catalog;
import dev.remedy.workflow.LoadResult;
import dev.remedy.workflow.WorkflowError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowDirectoryTest {

  @TempDir Path dir;

  private static String workflow(String name) {
    return """
        apiVersion: remedy/v1
        kind: Workflow
        metadata:
          name: %s
        spec:
          matchers: [ alertname = X ]
          steps:
            - id: tell
              action: notify
              with: { text: hello }
        """
        .formatted(name);
  }

  private void write(String file, String content) throws IOException {
    Path path = dir.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
  }

  @Test
  void readsTheYamlFilesOfTheDirectoryInNameOrderAndSkipsSubdirectories() throws IOException {
    write("b.yaml", workflow("b"));
    write("a.yaml", workflow("a"));
    write("notes.txt", "not a workflow");
    write("schema/workflow.schema.json", "{}");
    write("schema/c.yaml", workflow("c"));

    List<Catalog.FileRead> reads = WorkflowDirectory.read(dir, "workflows");

    assertThat(reads)
        .extracting(Catalog.FileRead::file)
        .containsExactly("workflows/a.yaml", "workflows/b.yaml");
    assertThat(reads).allSatisfy(r -> assertThat(r.result()).isInstanceOf(LoadResult.Loaded.class));
    assertThat(reads.getFirst().digest())
        .isEqualTo(WorkflowFileLoader.digest(workflow("a").getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aYmlFileIsReportedNotIgnored() throws IOException {
    write("a.yml", workflow("a"));

    List<Catalog.FileRead> reads = WorkflowDirectory.read(dir, "workflows/");

    assertThat(((LoadResult.Invalid) reads.getFirst().result()).errors())
        .extracting(WorkflowError::toString)
        .containsExactly("workflows/a.yml:1:1 file: workflow files end in .yaml");
  }

  @Test
  void aNameAnEarlierFileUsesMakesTheLaterFileInvalid() throws IOException {
    write("a.yaml", workflow("a"));
    Map<String, String> names = new HashMap<>(Map.of("a", "other/a.yaml"));

    Catalog.FileRead read =
        WorkflowDirectory.readChecked(dir.resolve("a.yaml"), "workflows/a.yaml", names);

    assertThat(((LoadResult.Invalid) read.result()).errors())
        .extracting(WorkflowError::toString)
        .containsExactly(
            "workflows/a.yaml:4:9 metadata.name: workflow \"a\" is already defined in other/a.yaml");
  }

  @Test
  void aMissingDirectoryIsAnError() {
    assertThatThrownBy(() -> WorkflowDirectory.read(dir.resolve("nope"), "nope"))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aWorkflowCheckedWithoutAFileNameIsNotHeldToOne() {
    byte[] content = workflow("anything").getBytes(StandardCharsets.UTF_8);

    assertThat(WorkflowFiles.loadOne(null, content)).isInstanceOf(LoadResult.Loaded.class);
    assertThat(WorkflowFiles.loadOne("other.yaml", content)).isInstanceOf(LoadResult.Invalid.class);
    assertThat(
            ((LoadResult.Invalid)
                    WorkflowFiles.loadOne(null, "kind: x".getBytes(StandardCharsets.UTF_8)))
                .errors())
        .first()
        .extracting(WorkflowError::file)
        .isEqualTo(WorkflowFiles.UNNAMED);
  }
}
