package dev.remedy.matching;

import dev.remedy.alert.LabelSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Random catalogs and alerts from a small vocabulary, so that entries share keys, use every kind of
 * matcher and alerts often match (always used with a fixed seed).
 */
final class RandomCatalogs {

  private static final List<String> ALERTNAMES =
      IntStream.range(0, 12).mapToObj(i -> "Alert" + i).toList();
  private static final List<String> NAMESPACES = List.of("prod", "staging", "dev", "kube-system");
  private static final List<String> SEVERITIES = List.of("critical", "warning", "info");

  private RandomCatalogs() {}

  static List<Map.Entry<Integer, Matchers>> catalog(Random random, int size) {
    List<Map.Entry<Integer, Matchers>> catalog = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      List<Matcher> matchers = new ArrayList<>();
      int count = random.nextInt(4);
      for (int m = 0; m < count; m++) {
        matchers.add(randomMatcher(random));
      }
      catalog.add(Map.entry(i, Matchers.of(matchers)));
    }
    return catalog;
  }

  private static Matcher randomMatcher(Random random) {
    return switch (random.nextInt(9)) {
      case 0, 1 -> Matcher.of("alertname", MatchType.EQUAL, pick(random, ALERTNAMES));
      case 2 ->
          Matcher.of(
              "alertname",
              MatchType.REGEX,
              pick(random, ALERTNAMES) + "|" + pick(random, ALERTNAMES));
      case 3 ->
          Matcher.of(
              "alertname",
              MatchType.REGEX,
              List.of("Alert1.*", "Al.*", "Alert1.*|Al.*|Alert3", "Alert2|Alert2.*")
                  .get(random.nextInt(4)));
      case 4 -> Matcher.of("namespace", MatchType.EQUAL, pick(random, NAMESPACES));
      case 5 -> Matcher.of("namespace", MatchType.NOT_REGEX, "kube-.*|dev");
      case 6 ->
          Matcher.of(
              "severity",
              random.nextBoolean() ? MatchType.EQUAL : MatchType.NOT_EQUAL,
              pick(random, SEVERITIES));
      case 7 ->
          Matcher.of("team", random.nextBoolean() ? MatchType.EQUAL : MatchType.NOT_EQUAL, "");
      default -> Matcher.of("severity", MatchType.REGEX, "critical|warning|");
    };
  }

  static LabelSet alert(Random random) {
    Map<String, String> labels = new HashMap<>();
    labels.put("alertname", random.nextInt(10) == 0 ? "Unknown" : pick(random, ALERTNAMES));
    if (random.nextBoolean()) {
      labels.put("namespace", pick(random, NAMESPACES));
    }
    if (random.nextInt(4) > 0) {
      labels.put("severity", pick(random, SEVERITIES));
    }
    if (random.nextBoolean()) {
      labels.put("team", "ops");
    }
    return LabelSet.of(labels);
  }

  private static String pick(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
