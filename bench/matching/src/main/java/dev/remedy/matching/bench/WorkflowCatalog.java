package dev.remedy.matching.bench;

import dev.remedy.alert.LabelSet;
import dev.remedy.matching.MatcherSyntaxException;
import dev.remedy.matching.Matchers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic, reproducible workflow catalog and alert stream (fixed seed). 95% of the workflows
 * are keyed on a distinct {@code alertname} with 2–4 other matchers, regexes included; 5% have no
 * {@code alertname} equality: 2% match {@code alertname=~"Kube(Pod|Deployment).*"} in one
 * namespace, 2% a team's critical {@code .*Down} alerts, 0.8% {@code alertname=~"Node.*"} with an
 * instance regex, and 0.2% only regexes and negations (so tested for every alert). Alerts carry 8–9
 * labels; 80% name an alert of the catalog.
 */
final class WorkflowCatalog {

  private static final String[] SYSTEMS = {
    "Kube", "Node", "Postgres", "Redis", "Kafka", "Api", "Ingress", "Etcd", "Payments", "Search"
  };
  private static final String[] PROBLEMS = {
    "CrashLooping",
    "HighLatency",
    "DiskFull",
    "ErrorRate",
    "Down",
    "ReplicationLag",
    "MemoryPressure"
  };
  private static final String[] TEAMS = new String[25];
  private static final String[] OTHER_MATCHERS = {
    "severity=~\"critical|page\"",
    "severity=\"critical\"",
    "namespace=~\"prod-.*\"",
    "namespace!~\"dev-.*|test\"",
    "cluster=~\"eu-(west|central)-[0-9]+\"",
    "env=\"prod\"",
    "service=~\"checkout.*\"",
    "instance!=\"\"",
  };

  static {
    for (int i = 0; i < TEAMS.length; i++) {
      TEAMS[i] = "team-" + i;
    }
  }

  final List<Map.Entry<Integer, Matchers>> workflows = new ArrayList<>();
  final List<String> alertnames = new ArrayList<>();

  WorkflowCatalog(int size, long seed) throws MatcherSyntaxException {
    Random random = new Random(seed);
    for (int i = 0; i < size; i++) {
      List<String> matchers = new ArrayList<>();
      int kind = random.nextInt(100);
      if (kind < 95 || size < 20) {
        String alertname = SYSTEMS[i % SYSTEMS.length] + PROBLEMS[(i / 10) % PROBLEMS.length] + i;
        alertnames.add(alertname);
        matchers.add("alertname=\"" + alertname + "\"");
        matchers.add("team=\"" + TEAMS[random.nextInt(TEAMS.length)] + "\"");
        for (int m = random.nextInt(3); m >= 0; m--) {
          matchers.add(OTHER_MATCHERS[random.nextInt(OTHER_MATCHERS.length)]);
        }
      } else if (kind < 97) {
        matchers.add("alertname=~\"Kube(Pod|Deployment).*\"");
        matchers.add("namespace=\"prod-" + random.nextInt(50) + "\"");
        matchers.add("severity=~\"critical|page\"");
      } else if (kind < 99) {
        matchers.add("team=\"" + TEAMS[random.nextInt(TEAMS.length)] + "\"");
        matchers.add("severity=\"critical\"");
        matchers.add("alertname=~\".*Down\"");
        matchers.add("env=~\"prod|staging\"");
      } else if (random.nextInt(5) > 0) {
        matchers.add("alertname=~\"Node.*\"");
        matchers.add("instance=~\"db-[0-9]+:9100\"");
        matchers.add("severity!=\"info\"");
      } else {
        matchers.add("namespace!~\"dev-.*|test\"");
        matchers.add("instance=~\"db-[0-9]+:9100\"");
        matchers.add("severity!=\"info\"");
      }
      workflows.add(Map.entry(i, Matchers.parse(matchers)));
    }
  }

  /** Alerts as Alertmanager sends them: 80% for an alertname of the catalog, 20% for others. */
  List<LabelSet> alerts(int count, long seed) {
    Random random = new Random(seed);
    List<LabelSet> alerts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Map<String, String> labels = new HashMap<>();
      boolean known = random.nextInt(10) < 8 && !alertnames.isEmpty();
      labels.put(
          "alertname",
          known
              ? alertnames.get(random.nextInt(alertnames.size()))
              : "KubePodNotReady" + random.nextInt(1000));
      labels.put("severity", random.nextInt(3) == 0 ? "warning" : "critical");
      labels.put("namespace", (random.nextBoolean() ? "prod-" : "dev-") + random.nextInt(60));
      labels.put("team", TEAMS[random.nextInt(TEAMS.length)]);
      labels.put("cluster", "eu-west-" + random.nextInt(3));
      labels.put("env", random.nextInt(4) == 0 ? "staging" : "prod");
      labels.put(
          "instance", (random.nextInt(10) < 3 ? "db-" : "node-") + random.nextInt(40) + ":9100");
      labels.put("job", "node-exporter");
      if (random.nextBoolean()) {
        labels.put("service", "checkout-api");
      }
      alerts.add(LabelSet.of(labels));
    }
    return alerts;
  }
}
