package dev.remedy.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.alert.LabelSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link MatcherIndex} selects exactly what testing every entry would, while testing few. */
class MatcherIndexTest {

  @Test
  void matchEqualsTestingEveryEntryOnRandomCatalogs() {
    Random random = new Random(20261127);
    for (int round = 0; round < 40; round++) {
      List<Map.Entry<Integer, Matchers>> catalog =
          RandomCatalogs.catalog(random, random.nextInt(400));
      MatcherIndex<Integer> index = MatcherIndex.build(catalog);
      for (int alert = 0; alert < 250; alert++) {
        LabelSet labels = RandomCatalogs.alert(random);
        List<Integer> bruteForce =
            catalog.stream()
                .filter(e -> e.getValue().matches(labels))
                .map(Map.Entry::getKey)
                .toList();

        assertThat(index.match(labels)).as("round %d, %s", round, labels).isEqualTo(bruteForce);
        assertThat(index.candidates(labels)).isSorted().containsAll(bruteForce);
      }
    }
  }

  @Test
  void alertnameKeyedCatalogTestsAHandfulOfEntries() throws MatcherSyntaxException {
    List<Map.Entry<String, Matchers>> catalog = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      catalog.add(
          Map.entry(
              "wf" + i,
              Matchers.parse(List.of("alertname=Alert" + i, "severity=~\"critical|page\""))));
    }
    catalog.add(Map.entry("any-crashloop", Matchers.parse(List.of("alertname=~\"KubePod.+\""))));
    MatcherIndex<String> index = MatcherIndex.build(catalog);
    LabelSet alert = LabelSet.of(Map.of("alertname", "Alert42", "severity", "page"));

    assertThat(index.unindexedCount()).isEqualTo(1);
    assertThat(index.candidates(alert)).containsExactly("wf42", "any-crashloop");
    assertThat(index.match(alert)).containsExactly("wf42");
  }

  @Test
  void filesAnEntryUnderItsMostSelectiveKey() throws MatcherSyntaxException {
    List<Map.Entry<String, Matchers>> catalog = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      catalog.add(
          Map.entry(
              "ns" + i,
              Matchers.parse(
                  List.of("{alertname=\"KubePodCrashLooping\", namespace=\"ns" + i + "\"}"))));
    }
    MatcherIndex<String> index = MatcherIndex.build(catalog);

    assertThat(
            index.candidates(
                LabelSet.of(Map.of("alertname", "KubePodCrashLooping", "namespace", "ns7"))))
        .containsExactly("ns7");
  }

  @Test
  void prefersAlertnameOnATie() throws MatcherSyntaxException {
    MatcherIndex<String> index =
        MatcherIndex.build(
            List.of(Map.entry("wf", Matchers.parse(List.of("team=ops", "alertname=A")))));

    assertThat(index.candidates(LabelSet.of(Map.of("alertname", "A")))).containsExactly("wf");
    assertThat(index.candidates(LabelSet.of(Map.of("team", "ops")))).isEmpty();
  }

  @Test
  void literalAlternationKeysTheEntryUnderEachValue() throws MatcherSyntaxException {
    MatcherIndex<String> index =
        MatcherIndex.build(
            List.of(
                Map.entry("disk", Matchers.parse(List.of("alertname=~\"DiskFull|DiskSlow\"")))));

    assertThat(index.unindexedCount()).isZero();
    assertThat(index.match(LabelSet.of(Map.of("alertname", "DiskSlow")))).containsExactly("disk");
    assertThat(index.candidates(LabelSet.of(Map.of("alertname", "DiskGone")))).isEmpty();
  }

  @Test
  void literalPrefixKeysTheEntryUnderThePrefix() throws MatcherSyntaxException {
    MatcherIndex<String> index =
        MatcherIndex.build(
            List.of(
                Map.entry("kube", Matchers.parse(List.of("alertname=~\"Kube.*\""))),
                Map.entry("kube-pod", Matchers.parse(List.of("alertname=~\"KubePod.*\""))),
                Map.entry("node", Matchers.parse(List.of("alertname=~\"Node.*\""))),
                Map.entry("both", Matchers.parse(List.of("alertname=~\"Kube.*|KubePod.*\"")))));

    assertThat(index.unindexedCount()).isZero();
    assertThat(index.candidates(LabelSet.of(Map.of("alertname", "KubePodCrashLooping"))))
        .containsExactly("kube", "kube-pod", "both");
    assertThat(index.candidates(LabelSet.of(Map.of("alertname", "Kub")))).isEmpty();
    assertThat(index.match(LabelSet.of(Map.of("alertname", "Kube"))))
        .containsExactly("kube", "both");
  }

  @Test
  void entriesWithoutAKeyAreAlwaysTested() throws MatcherSyntaxException {
    List<Map.Entry<String, Matchers>> catalog =
        List.of(
            Map.entry("negative", Matchers.parse(List.of("team!=ops"))),
            Map.entry("complex", Matchers.parse(List.of("alertname=~\"Kube.+Down\""))),
            Map.entry("absent", Matchers.parse(List.of("team=\"\""))),
            Map.entry("everything", Matchers.of(List.of())),
            Map.entry("keyed", Matchers.parse(List.of("alertname=A"))));
    MatcherIndex<String> index = MatcherIndex.build(catalog);

    assertThat(index.size()).isEqualTo(5);
    assertThat(index.unindexedCount()).isEqualTo(4);
    assertThat(index.match(LabelSet.EMPTY)).containsExactly("negative", "absent", "everything");
    assertThat(index.match(LabelSet.of(Map.of("alertname", "A", "team", "ops"))))
        .containsExactly("everything", "keyed");
  }

  @Test
  void keepsTheOrderOfTheEntriesAcrossKeys() throws MatcherSyntaxException {
    List<String> names =
        List.of("by-team", "by-alertname", "unkeyed", "by-namespace", "by-alertname-2");
    List<Matchers> matchers =
        List.of(
            Matchers.parse(List.of("team=ops")),
            Matchers.parse(List.of("alertname=A")),
            Matchers.parse(List.of("severity!=info")),
            Matchers.parse(List.of("namespace=~\"prod|staging\"")),
            Matchers.parse(List.of("alertname=A", "team=ops")));
    MatcherIndex<String> index =
        MatcherIndex.build(names, name -> matchers.get(names.indexOf(name)));

    assertThat(
            index.match(LabelSet.of(Map.of("alertname", "A", "team", "ops", "namespace", "prod"))))
        .containsExactly("by-team", "by-alertname", "unkeyed", "by-namespace", "by-alertname-2");
  }

  @Test
  void anEmptyCatalogMatchesNothing() {
    MatcherIndex<String> index = MatcherIndex.build(List.<Map.Entry<String, Matchers>>of());

    assertThat(index.match(LabelSet.of(Map.of("alertname", "A")))).isEmpty();
  }

  @Test
  void isSafeToShareBetweenThreads() {
    Random random = new Random(7);
    List<Map.Entry<Integer, Matchers>> catalog = RandomCatalogs.catalog(random, 500);
    MatcherIndex<Integer> index = MatcherIndex.build(catalog);
    List<LabelSet> alerts =
        IntStream.range(0, 2_000).mapToObj(i -> RandomCatalogs.alert(random)).toList();
    List<List<Integer>> sequential = alerts.stream().map(index::match).toList();

    assertThat(alerts.parallelStream().map(index::match).toList()).isEqualTo(sequential);
  }
}
