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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery of the run engine, on the packaged service: 40 runs of a three-step {@code http}
 * workflow against a slow endpoint, the service killed with SIGKILL while steps are in flight, and
 * started again on the same database. Every run then succeeds exactly once and every step has
 * exactly one successful attempt. The only keys called more than once are those of attempts that
 * the database holds as started without an outcome after the kill: the documented idempotent repeat
 * under the same {@code Idempotency-Key}. Any other attempt called at most once: nothing that had
 * an outcome is called again.
 *
 * <p>Runs on the database the artifact was built for: an H2 file, or a fresh PostgreSQL database
 * with {@code -Ppostgresql}.
 */
class CrashRecoveryIT {

  private static final String WORKFLOW = "crash-recovery";
  private static final List<String> STEPS = List.of("first", "second", "third");
  private static final int RUNS = 40;

  @TempDir Path temp;

  @Test
  void killedMidFlightEveryRunSucceedsOnceAndOnlyOpenAttemptsRepeat() throws Exception {
    long began = System.nanoTime();
    try (SlowEndpoint endpoint = new SlowEndpoint(300, 800, (key, nth) -> 200);
        ItDatabase database = ItDatabase.fresh(temp)) {
      Path workflows = temp.resolve("workflows");
      endpoint.writeWorkflow(workflows, WORKFLOW, "CrashRecovery", STEPS);
      Map<String, String> config = new HashMap<>(database.serviceConfig());
      config.put("remedy.workflows.dir", workflows.toString());
      config.put("remedy.engine.lease-margin", "2s");
      config.put("remedy.engine.sweep-interval", "250ms");
      config.put("remedy.http.allowed-hosts", "127.0.0.1");
      config.put("remedy.http.allow-private-addresses", "true");

      List<String> runIds = new ArrayList<>();
      int callsAtKill;
      long killedAt;
      try (PackagedService first = PackagedService.start("CrashRecoveryIT-first", temp, config)) {
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < RUNS; i++) {
          runIds.add(
              first.startRun(
                  "CrashRecovery", "%016x".formatted(0xc0ffee00L + i), startsAt, "t" + i));
        }
        // Mid-flight: a third of the calls made, several under way.
        try {
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(5))
              .until(() -> endpoint.completed() >= RUNS && endpoint.inFlight() >= 3);
        } catch (ConditionTimeoutException e) {
          throw first.failure(
              "the runs never got under way: "
                  + endpoint.completed()
                  + " calls made, "
                  + endpoint.inFlight()
                  + " in flight",
              e);
        }
        first.kill();
        killedAt = System.nanoTime();
        callsAtKill = endpoint.completed() + endpoint.inFlight();
      }

      // What the database holds after the kill: attempts started without an outcome are the ones
      // that were in flight (their effect may or may not have happened).
      Set<String> openAtKill =
          database
              .rows("select run_id, step_id from step_execution where status = 'started'")
              .stream()
              .map(r -> r.get(0) + "/" + r.get(1))
              .collect(Collectors.toSet());
      long succeededAtKill = database.count("run where status = 'succeeded'");
      long succeededAttemptsAtKill = database.count("step_execution where status = 'succeeded'");
      assertThat(openAtKill).as("attempts in flight at the kill").isNotEmpty();
      assertThat(succeededAtKill).as("runs done at the kill").isLessThan(RUNS);

      try (PackagedService second = PackagedService.start("CrashRecoveryIT-second", temp, config)) {
        try {
          await()
              .atMost(Duration.ofSeconds(90))
              .pollInterval(Duration.ofMillis(500))
              .until(() -> statuses(second).values().stream().allMatch("succeeded"::equals));
        } catch (ConditionTimeoutException | IllegalStateException e) {
          throw second.failure("not every run succeeded after the restart", e);
        }
        assertThat(statuses(second).keySet())
            .as("exactly the runs the alerts created, none more")
            .containsExactlyInAnyOrderElementsOf(runIds);

        // A call abandoned by a timed-out attempt may still be running at the endpoint.
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.inFlight() == 0);
        Map<String, Long> calls = endpoint.callsPerKey();
        Map<String, String> finishedAt = new HashMap<>();
        int failedAttempts = 0;
        List<String> notes = new ArrayList<>();
        for (String id : runIds) {
          JsonNode run = second.api("/api/v1/runs/" + id);
          assertThat(run.path("status").asText()).isEqualTo("succeeded");
          finishedAt.put(id, run.path("finishedAt").asText());
          List<String> succeeded = new ArrayList<>();
          Map<String, Integer> attempts = new HashMap<>();
          for (JsonNode attempt : run.path("steps")) {
            String step = attempt.path("step").asText();
            String status = attempt.path("status").asText();
            assertThat(status).as("run %s step %s", id, step).isIn("succeeded", "failed");
            attempts.merge(step, 1, Integer::sum);
            if (status.equals("succeeded")) {
              succeeded.add(step);
            } else {
              failedAttempts++;
            }
          }
          assertThat(succeeded)
              .as("run %s: one successful attempt per step", id)
              .containsExactlyInAnyOrderElementsOf(STEPS);
          for (String step : STEPS) {
            String key = id + "/" + step;
            long n = calls.getOrDefault(key, 0L);
            int stored = attempts.get(step);
            String story =
                "%s: %d attempts %s, calls %s"
                    .formatted(key, stored, run.path("steps"), endpoint.callsOf(key, killedAt));
            assertThat(n).as("calls with key %s", story).isPositive();
            if (openAtKill.contains(key)) {
              // Executed again under the same key, as often as its lease ran out (the kill, and
              // a stall of the restarted process longer than the lease).
              if (n > stored + 1) {
                notes.add(story);
              }
            } else {
              // Each attempt that had an outcome at the kill, or started later, called once.
              assertThat(n).as("calls with key %s", story).isLessThanOrEqualTo(stored);
            }
          }
        }

        Map<String, Long> repeated = new TreeMap<>();
        calls.forEach(
            (key, n) -> {
              if (n > 1) {
                repeated.put(key, n);
              }
            });
        assertThat(repeated.keySet())
            .as("keys called more than once; open at the kill: %s", openAtKill)
            .isSubsetOf(openAtKill);
        assertThat(endpoint.concurrentKeys()).as("keys called twice at once").isEmpty();
        assertThat(endpoint.overlappingCalls()).as("overlapping calls with one key").isEmpty();
        assertThat(calls.keySet())
            .as("every call belongs to a step of a run")
            .allMatch(
                key ->
                    runIds.contains(key.substring(0, key.indexOf('/')))
                        && STEPS.contains(key.substring(key.indexOf('/') + 1)));

        // Exactly once: the restarted service ended the runs and the attempts that had not ended.
        assertThat(
                second.metric(
                    "remedy_runs_total", Map.of("workflow", WORKFLOW, "outcome", "succeeded")))
            .as("runs the restarted service ended as succeeded")
            .isEqualTo((double) (RUNS - succeededAtKill));
        assertThat(
                second.metric(
                    "remedy_step_duration_seconds_count",
                    Map.of("action", "http", "outcome", "succeeded")))
            .as("step attempts the restarted service completed")
            .isEqualTo((double) (RUNS * STEPS.size() - succeededAttemptsAtKill));

        // Then nothing more happens: no late repeat, no run ended a second time.
        int callsAtEnd = endpoint.completed() + endpoint.inFlight();
        await()
            .during(Duration.ofSeconds(2))
            .atMost(Duration.ofSeconds(5))
            .until(() -> endpoint.completed() + endpoint.inFlight() == callsAtEnd);
        for (String id : runIds) {
          assertThat(second.api("/api/v1/runs/" + id).path("finishedAt").asText())
              .isEqualTo(finishedAt.get(id));
        }

        System.out.printf(
            "CrashRecoveryIT (%s): %d runs, 1 SIGKILL after %d calls; at the kill %d runs"
                + " succeeded and %d attempts open; afterwards %d keys called a second time"
                + " (all among the open ones), %d failed attempts, %d calls in all; %.1f s%n",
            database.kind(),
            RUNS,
            callsAtKill,
            succeededAtKill,
            openAtKill.size(),
            repeated.size(),
            failedAttempts,
            endpoint.completed(),
            (System.nanoTime() - began) / 1e9);
        notes.forEach(
            note -> System.out.println("CrashRecoveryIT: executed again more than once: " + note));
      }
    }
  }

  /** Run id → status, of every run of the workflow; a run that ended otherwise fails the test. */
  static Map<String, String> statuses(PackagedService service, String workflow) throws Exception {
    JsonNode list = service.api("/api/v1/runs?workflow=" + workflow + "&limit=500");
    assertThat(list.path("nextCursor").isNull()).isTrue();
    Map<String, String> statuses = new LinkedHashMap<>();
    for (JsonNode run : list.path("items")) {
      String status = run.path("status").asText();
      if (!List.of("queued", "running", "waiting", "succeeded").contains(status)) {
        throw new IllegalStateException("run ended " + status + ": " + run);
      }
      statuses.put(run.path("id").asText(), status);
    }
    return statuses;
  }

  private static Map<String, String> statuses(PackagedService service) throws Exception {
    return statuses(service, WORKFLOW);
  }
}
