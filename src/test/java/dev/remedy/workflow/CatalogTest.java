package dev.remedy.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.alert.LabelSet;
import dev.remedy.testsupport.Fixtures;
import dev.remedy.workflow.spec.WorkflowFiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  static String workflow(String name, String alertname) {
    return Fixtures.notifyWorkflow(name, alertname, "{{ labels.alertname }} fired");
  }

  static Catalog.FileRead read(String file, String yaml) {
    byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
    LoadResult result = WorkflowFiles.loadOne(file, bytes);
    String digest =
        result instanceof LoadResult.Loaded l ? l.workflow().source().digest() : "sha256:bad";
    return new Catalog.FileRead(file, digest, result);
  }

  @Test
  void anInvalidFileKeepsServingItsLastGoodVersion() {
    Catalog first =
        Catalog.EMPTY.update(List.of(read("workflows/a.yaml", workflow("a", "HighLatency"))), T0);
    String goodDigest = first.workflow("a").orElseThrow().source().digest();

    Catalog second =
        first.update(List.of(read("workflows/a.yaml", "apiVersion: remedy/v1\nkind: [")), T0);

    CatalogEntry entry = second.entries().getFirst();
    assertThat(entry.valid()).isFalse();
    assertThat(entry.servingLastGood()).isTrue();
    assertThat(entry.errors()).isNotEmpty();
    assertThat(second.workflow("a").orElseThrow().source().digest()).isEqualTo(goodDigest);
    assertThat(second.invalidFiles()).isEqualTo(1);
    assertThat(second.matching(labels("HighLatency")))
        .extracting(Workflow::name)
        .containsExactly("a");
  }

  @Test
  void aFileInvalidFromTheStartServesNothingAndADeletedFileIsGone() {
    Catalog catalog =
        Catalog.EMPTY.update(
            List.of(
                read("workflows/a.yaml", workflow("a", "HighLatency")),
                read("workflows/b.yaml", "not: [a workflow")),
            T0);
    assertThat(catalog.workflows()).extracting(Workflow::name).containsExactly("a");
    assertThat(catalog.entries()).hasSize(2);

    Catalog afterDelete = catalog.update(List.of(read("workflows/b.yaml", "still: bad")), T0);
    assertThat(afterDelete.workflows()).isEmpty();
    assertThat(afterDelete.entries())
        .extracting(CatalogEntry::file)
        .containsExactly("workflows/b.yaml");
  }

  @Test
  void matchingUsesEveryValidWorkflow() {
    Catalog catalog =
        Catalog.EMPTY.update(
            List.of(
                read("workflows/a.yaml", workflow("a", "HighLatency")),
                read("workflows/b.yaml", workflow("b", "HighLatency")),
                read("workflows/c.yaml", workflow("c", "DiskFull"))),
            T0);
    assertThat(catalog.matching(labels("HighLatency")))
        .extracting(Workflow::name)
        .containsExactly("a", "b");
    assertThat(catalog.matching(labels("Other"))).isEmpty();
  }

  private static LabelSet labels(String alertname) {
    return LabelSet.of(Map.of("alertname", alertname, "namespace", "shop"));
  }
}
