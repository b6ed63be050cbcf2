package dev.remedy.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the packaged PostgreSQL build on one database, both taking alerts and both
 * sweeping for due runs every 100 ms: 30 runs of a three-step {@code http} workflow whose second
 * step answers 503 the first time (so that its retry is due again after 1 s and either replica may
 * take it). The slow endpoint never sees two calls with the same {@code Idempotency-Key} at once,
 * every attempt calls it exactly once, and every run succeeds exactly once.
 *
 * <p>Only with {@code -Ppostgresql} (the H2 build is one instance by design) and a reachable
 * PostgreSQL; skipped otherwise.
 */
class TwoReplicasIT {

  private static final String WORKFLOW = "two-replicas";
  private static final List<String> STEPS = List.of("first", "second", "third");
  private static final int RUNS = 30;

  @TempDir Path temp;

  @Test
  void twoReplicasNeverDriveOneRunAtOnce() throws Exception {
    Assumptions.assumeTrue(
        ItDatabase.builtKind().equals("postgresql"),
        "several replicas need the PostgreSQL build (-Ppostgresql); this is "
            + ItDatabase.builtKind());
    long began = System.nanoTime();
    SlowEndpoint.Answers secondFailsOnce =
        (key, nth) -> key.endsWith("/second") && nth == 1 ? 503 : 200;
    try (ItDatabase database = ItDatabase.freshPostgresql();
        SlowEndpoint endpoint = new SlowEndpoint(300, 800, secondFailsOnce)) {
      Path workflows = temp.resolve("workflows");
      endpoint.writeWorkflow(workflows, WORKFLOW, "TwoReplicas", STEPS);
      Map<String, String> config = new HashMap<>(database.serviceConfig());
      config.put("remedy.workflows.dir", workflows.toString());
      config.put("remedy.engine.sweep-interval", "100ms");
      config.put("remedy.engine.lease-margin", "5s");
      config.put("remedy.http.allowed-hosts", "127.0.0.1");
      config.put("remedy.http.allow-private-addresses", "true");

      try (PackagedService a = PackagedService.start("TwoReplicasIT-a", temp, config);
          PackagedService b = PackagedService.start("TwoReplicasIT-b", temp, config)) {
        List<PackagedService> replicas = List.of(a, b);
        List<String> runIds = new ArrayList<>();
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < RUNS; i++) {
          runIds.add(
              replicas
                  .get(i % 2)
                  .startRun("TwoReplicas", "%016x".formatted(0xbeef00L + i), startsAt, "t" + i));
        }

        try {
          await()
              .atMost(Duration.ofSeconds(90))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () ->
                      CrashRecoveryIT.statuses(a, WORKFLOW).values().stream()
                          .allMatch("succeeded"::equals));
        } catch (ConditionTimeoutException | IllegalStateException e) {
          AssertionError failure = a.failure("not every run succeeded", e);
          failure.addSuppressed(b.failure("replica b", null));
          throw failure;
        }
        assertThat(CrashRecoveryIT.statuses(b, WORKFLOW).keySet())
            .as("exactly the runs the alerts created, as both replicas see them")
            .containsExactlyInAnyOrderElementsOf(runIds);

        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.inFlight() == 0);
        assertThat(endpoint.concurrentKeys()).as("keys called twice at once").isEmpty();
        assertThat(endpoint.overlappingCalls()).as("overlapping calls with one key").isEmpty();

        Map<String, Long> calls = endpoint.callsPerKey();
        for (String id : runIds) {
          JsonNode run = b.api("/api/v1/runs/" + id);
          assertThat(run.path("status").asText()).isEqualTo("succeeded");
          List<String> attempts = new ArrayList<>();
          for (JsonNode attempt : run.path("steps")) {
            attempts.add(
                attempt.path("step").asText()
                    + "#"
                    + attempt.path("attempt").asInt()
                    + " "
                    + attempt.path("status").asText());
          }
          assertThat(attempts)
              .as("run %s: its attempts", id)
              .containsExactly(
                  "first#1 succeeded",
                  "second#1 failed",
                  "second#2 succeeded",
                  "third#1 succeeded");
          assertThat(calls.get(id + "/first")).as("calls of %s/first", id).isEqualTo(1L);
          assertThat(calls.get(id + "/second")).as("calls of %s/second", id).isEqualTo(2L);
          assertThat(calls.get(id + "/third")).as("calls of %s/third", id).isEqualTo(1L);
        }
        assertThat(endpoint.completed()).isEqualTo(RUNS * 4);

        // Each run ended once, by one replica; each attempt was executed by one replica.
        double[] ended = new double[2];
        double[] executed = new double[2];
        for (int r = 0; r < 2; r++) {
          ended[r] =
              replicas
                  .get(r)
                  .metric(
                      "remedy_runs_total", Map.of("workflow", WORKFLOW, "outcome", "succeeded"));
          executed[r] =
              replicas
                  .get(r)
                  .metric("remedy_step_duration_seconds_count", Map.of("action", "http"));
        }
        assertThat(ended[0] + ended[1]).as("runs ended, both replicas").isEqualTo(RUNS);
        assertThat(executed[0] + executed[1]).as("attempts, both replicas").isEqualTo(RUNS * 4);
        assertThat(executed[0]).as("attempts executed by replica a").isPositive();
        assertThat(executed[1]).as("attempts executed by replica b").isPositive();

        System.out.printf(
            "TwoReplicasIT: %d runs on 2 replicas, %d calls, 0 overlapping; attempts executed"
                + " %.0f/%.0f, runs ended %.0f/%.0f (a/b); %.1f s%n",
            RUNS,
            endpoint.completed(),
            executed[0],
            executed[1],
            ended[0],
            ended[1],
            (System.nanoTime() - began) / 1e9);
      }
    }
  }
}
