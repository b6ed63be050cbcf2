package dev.remedy.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.groups.Tuple.tuple;

import dev.remedy.alert.Alert;
import dev.remedy.alert.AlertStatus;
import dev.remedy.alert.Fingerprint;
import dev.remedy.alert.LabelSet;
import dev.remedy.audit.Actor;
import dev.remedy.audit.AuditEvent;
import dev.remedy.cluster.RolloutState;
import dev.remedy.cluster.WorkloadRef;
import dev.remedy.guard.Guard;
import dev.remedy.guard.GuardDecision;
import dev.remedy.workflow.ActionType;
import dev.remedy.workflow.LoadResult;
import dev.remedy.workflow.TargetKind;
import dev.remedy.workflow.Workflow;
import dev.remedy.workflow.spec.WorkflowFiles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The durable run engine against in-memory ports: every transition is checked on the stored run and
 * its stored attempts, and every wait is a stored wake-up time that the test reaches by moving the
 * clock and claiming the run again, as the dispatcher would.
 */
class RunWorkerTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.250Z");
  private static final WorkloadRef WEB = new WorkloadRef(TargetKind.DEPLOYMENT, "shop", "web");
  private static final WorkloadRef API = new WorkloadRef(TargetKind.DEPLOYMENT, "shop", "api");
  private static final Alert ALERT =
      new Alert(
          new Fingerprint("5ef77f1f8aaf4b6c"),
          AlertStatus.FIRING,
          LabelSet.of(Map.of("alertname", "X", "env", "prod")),
          LabelSet.EMPTY,
          Instant.parse("2026-11-27T09:58:00Z"),
          Optional.empty(),
          "");

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryRunStore store = new InMemoryRunStore(clock);
  private final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
  private final FakeCluster cluster = new FakeCluster();
  private final FakeHttp http = new FakeHttp();
  private final FakeNotifier notifier = new FakeNotifier();
  private final FakeAutomationSwitches automation = new FakeAutomationSwitches(clock);
  private final FakeWorkflowVersions versions = new FakeWorkflowVersions();
  private final RecordingObserver observer = new RecordingObserver();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger claims = new AtomicInteger();
  private EngineSettings settings = EngineSettings.DEFAULTS;
  private ExecutorService calls;

  @BeforeEach
  void startCalls() {
    calls = Executors.newVirtualThreadPerTaskExecutor();
  }

  @AfterEach
  void stopCalls() {
    calls.shutdownNow();
  }

  // ------------------------------------------------------------------ harness

  private RunWorker worker() {
    return new RunWorker(
        store,
        versions,
        new StepEffects(cluster, http, notifier, store, approvals, settings),
        automation,
        settings,
        observer,
        clock,
        calls);
  }

  /** Loads a workflow from its {@code spec} (written at column 0) and remembers its version. */
  private Workflow workflow(String spec) {
    String yaml =
        """
        apiVersion: remedy/v1
        kind: Workflow
        metadata:
          name: test-workflow
        spec:
          matchers:
            - alertname = X
        """
            + spec.indent(2);
    LoadResult result = WorkflowFiles.loadOne(null, yaml.getBytes(StandardCharsets.UTF_8));
    if (result instanceof LoadResult.Invalid invalid) {
      fail("workflow does not load: " + invalid.errors() + "\n" + yaml);
    }
    Workflow loaded = ((LoadResult.Loaded) result).workflow();
    versions.remember(loaded);
    return loaded;
  }

  private String start(Workflow workflow) {
    return start(workflow, Map.of(), false);
  }

  private String start(Workflow workflow, Map<String, String> params, boolean dryRun) {
    String id = "run-" + ids.incrementAndGet();
    store.create(
        Run.queued(
            id,
            workflow.name(),
            workflow.source().digest(),
            "shop/web",
            ALERT,
            params,
            dryRun,
            clock.instant()));
    return id;
  }

  /** A run as claimed, and the lease it was claimed under. */
  private record Claim(RunHistory run, Lease lease) {}

  /** Claims the run now, as the dispatcher does: it must be due and its lease free. */
  private Claim claim(String runId) {
    Instant now = clock.instant();
    Lease lease =
        new Lease("replica-" + claims.incrementAndGet(), now.plus(Duration.ofSeconds(30)));
    List<RunHistory> claimed = store.claim(lease, now, 1, List.of(runId));
    assertThat(claimed)
        .as("run %s is due and free at %s", runId, now)
        .extracting(h -> h.run().id())
        .containsExactly(runId);
    assertThat(claimed.getFirst()).as("as stored").isEqualTo(store.load(runId).orElseThrow());
    return new Claim(claimed.getFirst(), lease);
  }

  private Lease drive(String runId) {
    Claim claim = claim(runId);
    worker().drive(claim.run(), claim.lease());
    return claim.lease();
  }

  /** Moves the clock to the run's wake-up time and drives it. */
  private void wakeUpAndDrive(String runId) {
    Instant wakeAt = store.run(runId).wakeAt().orElseThrow();
    assertThat(store.claim(new Lease("early", wakeAt), wakeAt.minusMillis(1), 1, List.of(runId)))
        .as("not due before its wake-up time")
        .isEmpty();
    clock.set(wakeAt);
    drive(runId);
  }

  /** Wakes the run at each stored wake-up time until it ends (approvals look again every 15 s). */
  private void wakeUpUntilEnded(String runId) {
    for (int i = 0; i < 1000 && store.run(runId).status().active(); i++) {
      wakeUpAndDrive(runId);
    }
  }

  /** A pending approval waits for its deadline, looking again every parkRecheck (15 s). */
  private void assertApprovalWait(String runId, Instant deadline) {
    Instant recheck = clock.instant().plus(Duration.ofSeconds(15));
    assertWaiting(runId, recheck.isBefore(deadline) ? recheck : deadline);
  }

  private StepExecution only(String runId, String stepId) {
    List<StepExecution> attempts = store.attempts(runId, stepId);
    assertThat(attempts).as("attempts of %s", stepId).hasSize(1);
    return attempts.getFirst();
  }

  private void assertWaiting(String runId, Instant wakeAt) {
    Run run = store.run(runId);
    assertThat(run.status()).isEqualTo(RunStatus.WAITING);
    assertThat(run.wakeAt()).contains(wakeAt);
    assertThat(store.leaseOwner(runId)).as("lease released while waiting").isEmpty();
  }

  private void assertEnded(String runId, RunStatus status) {
    Run run = store.run(runId);
    assertThat(run.status()).isEqualTo(status);
    assertThat(run.wakeAt()).isEmpty();
    assertThat(run.finishedAt()).contains(clock.instant());
    assertThat(store.leaseOwner(runId)).isEmpty();
    assertThat(observer.finished).contains(status);
  }

  private static StepFailure unavailable() {
    return StepFailure.retryable(FailureReason.UNAVAILABLE, "API server answered 503");
  }

  /** A hook that requests the run's cancel as user olga, as the API would. */
  private Runnable cancelledByOlga(String id) {
    return () ->
        assertThat(store.requestCancel(id, Actor.user("olga"), "cancelled by olga")).isTrue();
  }

  private static final String RESTART =
      """
      - id: restart
        action: restart
        target: { kind: Deployment, namespace: shop, name: web }
      """;

  private static final String SCALE_UP =
      """
      - id: scale-up
        action: scale
        target: { kind: Deployment, namespace: shop, name: web }
        with: { factor: 2, min: 1, max: 10 }
      """;

  /** {@link #SCALE_UP} with one retry after 5 s. */
  private Workflow scaleUpRetriedOnce() {
    return workflow("steps:\n" + SCALE_UP.indent(2) + "    retry: { attempts: 2, backoff: 5s }\n");
  }

  // ------------------------------------------------------------------ happy path

  @Test
  void restartThenRolloutWaitsWithoutALeaseAndSucceedsWithOutputsForLaterSteps() {
    Workflow workflow =
        workflow(
            """
            steps:
            """
                + RESTART.indent(2)
                + """
                  - id: wait-ready
                    action: waitForRollout
                    target: { kind: Deployment, namespace: shop, name: web }
                  - id: tell
                    action: notify
                    with: { text: "web restarted at {{ steps.restart.restartedAt }}" }
                """);
    cluster.rollouts(
        new RolloutState.Progressing("1 of 3 replicas updated"),
        new RolloutState.Complete("3 of 3 replicas available"));
    String id = start(workflow);

    drive(id);

    assertWaiting(id, T0.plus(Duration.ofSeconds(5)));
    Run waiting = store.run(id);
    assertThat(waiting.startedAt()).contains(T0);
    assertThat(waiting.stepIndex()).isEqualTo(1);
    assertThat(waiting.attempt()).isEqualTo(1);
    assertThat(waiting.outputs())
        .containsExactly(Map.entry("restart", Map.of("restartedAt", "2026-11-27T10:00:00Z")));
    StepExecution restart = only(id, "restart");
    assertThat(restart.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(restart.mutating()).isTrue();
    assertThat(restart.finishedAt()).contains(T0);
    assertThat(restart.recorded()).containsEntry("previousRestartedAt", "");
    assertThat(only(id, "wait-ready").status()).isEqualTo(StepStatus.STARTED);
    assertThat(only(id, "wait-ready").deadline()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    assertThat(cluster.writes())
        .containsExactly("restart Deployment shop/web 2026-11-27T10:00:00Z");

    wakeUpAndDrive(id);

    assertEnded(id, RunStatus.SUCCEEDED);
    assertThat(store.run(id).endNote()).isEqualTo("all steps done");
    assertThat(store.attempts(id))
        .extracting(StepExecution::stepId, StepExecution::attempt, StepExecution::status)
        .containsExactly(
            tuple("restart", 1, StepStatus.SUCCEEDED),
            tuple("wait-ready", 1, StepStatus.SUCCEEDED),
            tuple("tell", 1, StepStatus.SUCCEEDED));
    assertThat(only(id, "tell").outputs()).containsEntry("messageRef", "C0SRE/1");
    assertThat(notifier.posts())
        .containsExactly(
            new FakeNotifier.Post(
                new IdempotencyKey(id, "tell"),
                "web restarted at 2026-11-27T10:00:00Z",
                Optional.empty()));
    assertThat(cluster.invocations("rollout")).hasSize(2);
    assertThat(cluster.invocations("restart")).hasSize(1);

    // Audit: each change with its events; a wait looking again is neither a new start nor a
    // claim worth recording (only the first claim and a takeover are).
    assertThat(store.eventTypes(id))
        .containsExactly(
            "run.claimed",
            "step.started",
            "kubernetes.request",
            "step.succeeded",
            "step.started",
            "step.succeeded",
            "step.started",
            "step.succeeded",
            "run.finished");
    assertThat(store.events(id))
        .filteredOn(e -> e instanceof AuditEvent.KubernetesRequest)
        .singleElement()
        .isEqualTo(
            new AuditEvent.KubernetesRequest(
                id,
                RunEvents.version(store.run(id)),
                "restart",
                1,
                "patch",
                "Deployment",
                "shop",
                "web",
                "100",
                "101",
                false));
    assertThat(store.events(id).getLast())
        .isEqualTo(
            new AuditEvent.RunFinished(
                id, RunEvents.version(store.run(id)), "succeeded", "all steps done"));
  }

  @Test
  void aClaimGivesUpItsLeaseAfterItsShareOfStepsAndTheRunStaysDue() {
    settings =
        new EngineSettings(
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(15),
            20,
            Duration.ofMinutes(10),
            2);
    Workflow workflow =
        workflow(
            """
            steps:
              - { id: one, action: notify, with: { text: "1" } }
              - { id: two, action: notify, with: { text: "2" } }
              - { id: three, action: notify, with: { text: "3" } }
            """);
    String id = start(workflow);

    drive(id);

    Run run = store.run(id);
    assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(run.stepIndex()).isEqualTo(2);
    assertThat(run.wakeAt()).contains(T0);
    assertThat(store.leaseOwner(id)).isEmpty();
    assertThat(notifier.texts()).containsExactly("1", "2");

    drive(id);

    assertEnded(id, RunStatus.SUCCEEDED);
    assertThat(notifier.texts()).containsExactly("1", "2", "3");
  }

  @Test
  void aRunOfAnUnknownWorkflowVersionFails() {
    Workflow workflow = workflow("steps:\n" + RESTART.indent(2));
    String id = "run-unknown";
    store.create(Run.queued(id, workflow.name(), "sha256:gone", "k", ALERT, Map.of(), false, T0));

    drive(id);

    assertEnded(id, RunStatus.FAILED);
    assertThat(store.run(id).failure().orElseThrow().reason()).isEqualTo(FailureReason.INTERNAL);
    assertThat(cluster.invocations()).isEmpty();
  }

  // ------------------------------------------------------------------ retries

  @Nested
  class Retries {

    @Test
    void restartedAtIsFixedByTheStartOfTheFirstAttempt() {
      clock.set(Instant.parse("2026-11-27T10:00:00.750Z"));
      Workflow workflow =
          workflow(
              """
              steps:
                - id: restart
                  action: restart
                  target: { kind: Deployment, namespace: shop, name: web }
                  retry: { attempts: 2, backoff: 5s }
              """);
      cluster.fault("restart", new FakeCluster.Fault.Fail(unavailable()));
      String id = start(workflow);

      drive(id);
      wakeUpAndDrive(id);

      assertEnded(id, RunStatus.SUCCEEDED);
      assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-27T10:00:05.750Z"));
      List<FakeCluster.Invocation> restarts = cluster.invocations("restart");
      assertThat(restarts)
          .extracting(FakeCluster.Invocation::restartedAt)
          .containsExactly(
              Instant.parse("2026-11-27T10:00:00Z"), Instant.parse("2026-11-27T10:00:00Z"));
      assertThat(restarts)
          .extracting(i -> i.call().key())
          .containsOnly(new IdempotencyKey(id, "restart"));
      assertThat(store.run(id).outputs().get("restart"))
          .containsEntry("restartedAt", "2026-11-27T10:00:00Z");
    }

    @Test
    void retryableFailuresWaitWithExponentialBackoffAndEachAttemptIsStored() {
      Workflow workflow =
          workflow(
              """
              steps:
                - id: restart
                  action: restart
                  target: { kind: Deployment, namespace: shop, name: web }
                  retry: { attempts: 3, backoff: 5s, maxBackoff: 1m }
              """);
      cluster.fault("restart", new FakeCluster.Fault.Fail(unavailable()));
      cluster.fault("restart", new FakeCluster.Fault.Fail(unavailable()));
      String id = start(workflow);

      drive(id);

      assertWaiting(id, T0.plus(Duration.ofSeconds(5)));
      assertThat(store.run(id).attempt()).isEqualTo(1);
      StepExecution first = only(id, "restart");
      assertThat(first.status()).isEqualTo(StepStatus.FAILED);
      assertThat(first.failure()).contains(unavailable());
      assertThat(first.finishedAt()).contains(T0);

      wakeUpAndDrive(id);

      assertWaiting(id, T0.plus(Duration.ofSeconds(15)));
      assertThat(store.run(id).attempt()).isEqualTo(2);

      wakeUpAndDrive(id);

      assertEnded(id, RunStatus.SUCCEEDED);
      assertThat(store.attempts(id, "restart"))
          .extracting(StepExecution::attempt, StepExecution::status, StepExecution::startedAt)
          .containsExactly(
              tuple(1, StepStatus.FAILED, T0),
              tuple(2, StepStatus.FAILED, T0.plus(Duration.ofSeconds(5))),
              tuple(3, StepStatus.SUCCEEDED, T0.plus(Duration.ofSeconds(15))));
      assertThat(cluster.writes()).hasSize(1);
      assertThat(store.events(id))
          .filteredOn(e -> e instanceof AuditEvent.StepFailed)
          .extracting(e -> ((AuditEvent.StepFailed) e).details())
          .extracting(d -> d.get("attempt"), d -> d.get("reason"), d -> d.get("retryable"))
          .containsExactly(tuple(1, "unavailable", true), tuple(2, "unavailable", true));
    }

    @Test
    void backoffIsCappedByMaxBackoffAndTheLastAttemptFailsTheRun() {
      Workflow workflow =
          workflow(
              """
              steps:
                - id: restart
                  action: restart
                  target: { kind: Deployment, namespace: shop, name: web }
                  retry: { attempts: 4, backoff: 5s, maxBackoff: 8s }
              """);
      for (int i = 0; i < 4; i++) {
        cluster.fault("restart", new FakeCluster.Fault.Fail(unavailable()));
      }
      String id = start(workflow);

      drive(id);
      assertWaiting(id, T0.plus(Duration.ofSeconds(5)));
      wakeUpAndDrive(id);
      assertWaiting(id, T0.plus(Duration.ofSeconds(13)));
      wakeUpAndDrive(id);
      assertWaiting(id, T0.plus(Duration.ofSeconds(21)));
      wakeUpAndDrive(id);

      assertEnded(id, RunStatus.FAILED);
      assertThat(store.run(id).failure()).contains(unavailable());
      assertThat(store.run(id).endNote()).isEqualTo("unavailable: API server answered 503");
      assertThat(store.attempts(id, "restart"))
          .extracting(StepExecution::status)
          .containsExactly(
              StepStatus.FAILED, StepStatus.FAILED, StepStatus.FAILED, StepStatus.FAILED);
    }

    @Test
    void aPermanentFailureIsNotRetried() {
      Workflow workflow =
          workflow(
              """
              steps:
                - id: restart
                  action: restart
                  target: { kind: Deployment, namespace: shop, name: web }
                  retry: { attempts: 3, backoff: 5s }
              """);
      StepFailure forbidden =
          StepFailure.permanent(FailureReason.FORBIDDEN, "namespace shop is not allowed");
      cluster.fault("restart", new FakeCluster.Fault.Fail(forbidden));
      String id = start(workflow);

      drive(id);

      assertEnded(id, RunStatus.FAILED);
      assertThat(store.run(id).failure()).contains(forbidden);
      assertThat(only(id, "restart").failure()).contains(forbidden);
      assertThat(cluster.invocations("restart")).hasSize(1);
    }

    @Test
    void aRetryAfterAWriteWhoseAnswerWasLostReusesTheCheckpointInsteadOfScalingTwice() {
      Workflow workflow = scaleUpRetriedOnce();
      cluster.fault("scale", new FakeCluster.Fault.FailAfterWrite(unavailable()));
      String id = start(workflow);

      drive(id);

      StepExecution first = only(id, "scale-up");
      assertThat(first.status()).isEqualTo(StepStatus.FAILED);
      assertThat(first.recorded())
          .as("the checkpoint survives the failed attempt")
          .containsExactlyInAnyOrderEntriesOf(Map.of("previousReplicas", "3", "replicas", "6"));
      assertThat(cluster.replicasOf(WEB)).isEqualTo(6);

      wakeUpAndDrive(id);

      assertEnded(id, RunStatus.SUCCEEDED);
      assertThat(cluster.invocations("scale").get(1).call().recorded())
          .containsExactlyInAnyOrderEntriesOf(Map.of("previousReplicas", "3", "replicas", "6"));
      assertThat(cluster.replicasOf(WEB)).as("scaled once, not 3 → 6 → 12").isEqualTo(6);
      assertThat(store.run(id).outputs().get("scale-up"))
          .containsExactlyInAnyOrderEntriesOf(Map.of("previousReplicas", "3", "replicas", "6"));
      // The write of the failed attempt is recorded with its failure; the repeat records its own.
      assertThat(store.eventTypes(id))
          .containsExactly(
              "run.claimed",
              "step.started",
              "kubernetes.request",
              "step.failed",
              "step.started",
              "kubernetes.request",
              "step.succeeded",
              "run.finished");
    }
  }

  // ------------------------------------------------------------------ timeouts

  @Test
  void aCallThatOutlivesTheStepTimeoutIsAbandonedAndFailsWithTimeout() throws Exception {
    Workflow workflow =
        workflow(
            """
            steps:
              - id: restart
                action: restart
                target: { kind: Deployment, namespace: shop, name: web }
                timeout: 1s
            """);
    cluster.fault("restart", new FakeCluster.Fault.Hang(Duration.ofSeconds(30)));
    String id = start(workflow);

    long began = System.nanoTime();
    drive(id);
    Duration took = Duration.ofNanos(System.nanoTime() - began);

    assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
    assertEnded(id, RunStatus.FAILED);
    StepExecution attempt = only(id, "restart");
    assertThat(attempt.status()).isEqualTo(StepStatus.FAILED);
    assertThat(attempt.failure().orElseThrow().reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(attempt.failure().orElseThrow().retryable()).isTrue();
    assertThat(store.run(id).failure().orElseThrow().reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(cluster.interrupted().await(5, TimeUnit.SECONDS))
        .as("the abandoned call is interrupted")
        .isTrue();
    assertThat(cluster.writes()).isEmpty();
  }

  @Test
  void aRolloutStillProgressingAtItsDeadlineTimesOut() {
    Workflow workflow =
        workflow(
            """
            steps:
              - id: wait-ready
                action: waitForRollout
                target: { kind: Deployment, namespace: shop, name: web }
                timeout: 12s
            """);
    for (int i = 0; i < 4; i++) {
      cluster.rollouts(new RolloutState.Progressing("1 of 3 replicas updated"));
    }
    String id = start(workflow);

    drive(id);
    assertWaiting(id, T0.plus(Duration.ofSeconds(5)));
    wakeUpAndDrive(id);
    assertWaiting(id, T0.plus(Duration.ofSeconds(10)));
    wakeUpAndDrive(id);
    assertWaiting(id, T0.plus(Duration.ofSeconds(12)));
    wakeUpAndDrive(id);

    assertEnded(id, RunStatus.FAILED);
    StepExecution attempt = only(id, "wait-ready");
    assertThat(attempt.status()).isEqualTo(StepStatus.FAILED);
    assertThat(attempt.failure().orElseThrow().reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(attempt.failure().orElseThrow().message()).contains("1 of 3 replicas updated");
  }

  @Test
  void aStuckRolloutFailsForGood() {
    Workflow workflow =
        workflow(
            """
            steps:
              - id: wait-ready
                action: waitForRollout
                target: { kind: Deployment, namespace: shop, name: web }
                retry: { attempts: 3 }
            """);
    cluster.rollouts(new RolloutState.Stuck("ProgressDeadlineExceeded"));
    String id = start(workflow);

    drive(id);

    assertEnded(id, RunStatus.FAILED);
    assertThat(only(id, "wait-ready").failure())
        .contains(StepFailure.permanent(FailureReason.ROLLOUT_STUCK, "ProgressDeadlineExceeded"));
  }

  // ------------------------------------------------------------------ when

  @Test
  void aStepWhoseConditionsDoNotHoldIsSkippedAndTheNextStepRuns() {
    Workflow workflow =
        workflow(
            """
            params:
              env: { value: "{{ labels.env }}" }
            steps:
              - id: restart
                action: restart
                target: { kind: Deployment, namespace: shop, name: web }
                when:
                  - params.env = prod
              - id: tell
                action: notify
                with: { text: "restarted at {{ steps.restart.restartedAt | default('never') }}" }
            """);
    String staging = start(workflow, Map.of("env", "staging"), false);

    drive(staging);

    assertEnded(staging, RunStatus.SUCCEEDED);
    StepExecution skipped = only(staging, "restart");
    assertThat(skipped.status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(skipped.failure().orElseThrow().message())
        .isEqualTo("when: params.env = prod did not hold");
    assertThat(cluster.invocations()).isEmpty();
    assertThat(notifier.texts()).containsExactly("restarted at never");

    clock.advance(Duration.ofMinutes(1));
    String prod = start(workflow, Map.of("env", "prod"), false);
    drive(prod);

    assertEnded(prod, RunStatus.SUCCEEDED);
    assertThat(only(prod, "restart").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(notifier.texts()).last().isEqualTo("restarted at 2026-11-27T10:01:00Z");
  }

  // ------------------------------------------------------------------ onFailure and revert

  @Test
  void onFailureStepsRunWithTheFailureAndAFailingOneDoesNotStopTheRest() {
    Workflow workflow =
        workflow(
            """
            steps:
              - id: restart
                action: restart
                target: { kind: Deployment, namespace: shop, name: web }
              - id: never
                action: notify
                with: { text: "not reached" }
            onFailure:
              - id: page
                action: notify
                with: { text: "page: {{ run.failure }}", channel: "#pager" }
              - id: tell
                action: notify
                with: { text: "restart of web failed: {{ run.failure }}" }
            """);
    StepFailure paused =
        StepFailure.permanent(FailureReason.INVALID, "Deployment shop/web is paused");
    cluster.fault("restart", new FakeCluster.Fault.Fail(paused));
    notifier.failNext(StepFailure.permanent(FailureReason.FORBIDDEN, "channel_not_found"));
    String id = start(workflow);

    drive(id);

    assertEnded(id, RunStatus.FAILED);
    Run run = store.run(id);
    assertThat(run.phase()).isEqualTo(Phase.ON_FAILURE);
    assertThat(run.failure()).contains(paused);
    assertThat(run.endNote()).isEqualTo("invalid: Deployment shop/web is paused");
    assertThat(store.attempts(id))
        .extracting(StepExecution::stepId, StepExecution::phase, StepExecution::status)
        .containsExactly(
            tuple("restart", Phase.STEPS, StepStatus.FAILED),
            tuple("page", Phase.ON_FAILURE, StepStatus.FAILED),
            tuple("tell", Phase.ON_FAILURE, StepStatus.SUCCEEDED));
    assertThat(only(id, "page").failure().orElseThrow().reason())
        .isEqualTo(FailureReason.FORBIDDEN);
    assertThat(store.attempts(id, "never")).isEmpty();
    assertThat(notifier.texts())
        .containsExactly("restart of web failed: invalid: Deployment shop/web is paused");
  }

  private Workflow scaleProbeRevert() {
    return workflow(
        """
        steps:
        """
            + SCALE_UP.indent(2)
            + """
              - id: probe
                action: http
                with: { url: "https://health.example.com/web", expectStatus: 200 }
            onFailure:
              - id: undo-scale
                action: revert
                with: { step: scale-up }
              - id: tell
                action: notify
                with:
                  text: "replicas back to {{ steps.scale-up.previousReplicas | default('?') }}: {{ run.failure }}"
            """);
  }

  @Test
  void aFailedRunRevertsAScaleFromWhatTheScaleRecorded() {
    Workflow workflow = scaleProbeRevert();
    http.answer(503);
    String id = start(workflow);

    drive(id);

    assertEnded(id, RunStatus.FAILED);
    assertThat(store.run(id).failure().orElseThrow().reason())
        .isEqualTo(FailureReason.UNEXPECTED_STATUS);
    assertThat(only(id, "scale-up").recorded())
        .containsExactlyInAnyOrderEntriesOf(Map.of("previousReplicas", "3", "replicas", "6"));
    List<FakeCluster.Invocation> reverts = cluster.invocations("revert");
    assertThat(reverts).hasSize(1);
    FakeCluster.Invocation revert = reverts.getFirst();
    assertThat(revert.revertedAction()).isEqualTo(ActionType.SCALE);
    assertThat(revert.target()).isEqualTo(WEB);
    assertThat(revert.revertRecorded())
        .containsExactlyInAnyOrderEntriesOf(Map.of("previousReplicas", "3", "replicas", "6"));
    assertThat(revert.call().key()).isEqualTo(new IdempotencyKey(id, "undo-scale"));
    assertThat(cluster.replicasOf(WEB)).isEqualTo(3);
    assertThat(only(id, "undo-scale").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(notifier.texts())
        .containsExactly(
            "replicas back to 3: unexpected-status: HTTP 503 from GET https://health.example.com/web");
  }

  @Test
  void theRevertFindsTheCheckpointEvenWhenTheEffectDidNotRepeatIt() {
    cluster.effectsCarryRecorded(false);
    Workflow workflow = scaleProbeRevert();
    http.answer(503);
    String id = start(workflow);

    drive(id);

    assertEnded(id, RunStatus.FAILED);
    assertThat(only(id, "scale-up").recorded())
        .as("what the scale checkpointed before it wrote")
        .containsExactlyInAnyOrderEntriesOf(Map.of("previousReplicas", "3", "replicas", "6"));
    assertThat(cluster.invocations("revert").getFirst().revertRecorded())
        .containsExactlyInAnyOrderEntriesOf(Map.of("previousReplicas", "3", "replicas", "6"));
    assertThat(cluster.replicasOf(WEB)).isEqualTo(3);
  }

  @Test
  void aRevertOfAStepThatDidNotRunChangesNothing() {
    Workflow workflow =
        workflow(
            """
            params:
              env: { value: "{{ labels.env }}" }
            steps:
              - id: scale-up
                action: scale
                target: { kind: Deployment, namespace: shop, name: web }
                with: { factor: 2, min: 1, max: 10 }
                when:
                  - params.env = prod
              - id: probe
                action: http
                with: { url: "https://health.example.com/web" }
            onFailure:
              - id: undo-scale
                action: revert
                with: { step: scale-up }
            """);
    http.answer(500);
    String id = start(workflow, Map.of("env", "staging"), false);

    drive(id);

    assertEnded(id, RunStatus.FAILED);
    assertThat(only(id, "undo-scale").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(cluster.invocations()).isEmpty();
  }

  // ------------------------------------------------------------------ cancel, resolved

  private Workflow restartAndWait(String onResolved) {
    return workflow(
        "onResolved: "
            + onResolved
            + "\nsteps:\n"
            + RESTART.indent(2)
            + """
              - id: wait-ready
                action: waitForRollout
                target: { kind: Deployment, namespace: shop, name: web }
              - id: tell
                action: notify
                with: { text: "done" }
            """);
  }

  @Test
  void aCancelRequestedDuringAStepEndsTheRunBeforeTheNextOne() {
    Workflow workflow = restartAndWait("ignore");
    String id = start(workflow);
    cluster.fault("restart", new FakeCluster.Fault.AfterWrite(cancelledByOlga(id)));
    drive(id);

    assertEnded(id, RunStatus.CANCELLED);
    assertThat(store.run(id).endNote()).isEqualTo("cancelled by olga");
    assertThat(only(id, "restart").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(cluster.invocations("rollout")).isEmpty();
    assertThat(notifier.posts()).isEmpty();
  }

  @Test
  void aCancelRequestedWhileWaitingEndsTheRunAndCancelsTheOpenAttempt() {
    Workflow workflow = restartAndWait("ignore");
    cluster.rollouts(new RolloutState.Progressing("0 of 3 replicas updated"));
    String id = start(workflow);
    drive(id);
    assertWaiting(id, T0.plus(Duration.ofSeconds(5)));

    clock.advance(Duration.ofSeconds(2));
    assertThat(store.requestCancel(id, Actor.user("olga"), "cancelled by olga")).isTrue();
    assertThat(store.run(id).wakeAt()).as("due at once").contains(clock.instant());
    drive(id);

    assertEnded(id, RunStatus.CANCELLED);
    assertThat(store.run(id).endNote()).isEqualTo("cancelled by olga");
    StepExecution wait = only(id, "wait-ready");
    assertThat(wait.status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(wait.finishedAt()).contains(clock.instant());
    assertThat(only(id, "restart").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(cluster.invocations("rollout")).hasSize(1);
    assertThat(notifier.posts()).isEmpty();
    assertThat(store.requestCancel(id, Actor.user("olga"), "again")).isFalse();
    assertThat(store.eventTypes(id))
        .containsExactly(
            "run.claimed",
            "step.started",
            "kubernetes.request",
            "step.succeeded",
            "step.started",
            "run.cancel-requested",
            "run.finished");
    assertThat(store.events(id))
        .filteredOn(e -> e instanceof AuditEvent.RunCancelRequested)
        .singleElement()
        .extracting(AuditEvent::actor)
        .isEqualTo(Actor.user("olga"));
    assertThat(store.events(id).getLast().details()).containsEntry("status", "cancelled");
  }

  @Test
  void aResolvedAlertCancelsARunWhoseWorkflowSaysCancel() {
    Workflow workflow = restartAndWait("cancel");
    cluster.rollouts(new RolloutState.Progressing("0 of 3 replicas updated"));
    String id = start(workflow);
    drive(id);

    store.alertResolved(
        id, true, "alert resolved (onResolved: cancel)", Optional.of(Actor.alertmanager("am")));
    drive(id);

    assertEnded(id, RunStatus.CANCELLED);
    assertThat(store.run(id).endNote()).isEqualTo("alert resolved (onResolved: cancel)");
    assertThat(only(id, "wait-ready").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(store.events(id))
        .filteredOn(e -> e instanceof AuditEvent.RunCancelRequested)
        .singleElement()
        .extracting(AuditEvent::actor)
        .isEqualTo(Actor.alertmanager("am"));
  }

  @Test
  void onResolvedCompleteSucceedsAtTheNextStepBoundary() {
    Workflow workflow = restartAndWait("complete");
    cluster.rollouts(
        new RolloutState.Progressing("1 of 3 replicas updated"),
        new RolloutState.Complete("3 of 3 replicas available"));
    String id = start(workflow);
    drive(id);
    assertWaiting(id, T0.plus(Duration.ofSeconds(5)));

    clock.advance(Duration.ofSeconds(1));
    store.alertResolved(
        id, false, "alert resolved (onResolved: complete)", Optional.of(Actor.alertmanager("am")));
    assertThat(store.run(id).alertResolved()).isTrue();
    drive(id);

    assertEnded(id, RunStatus.SUCCEEDED);
    assertThat(store.run(id).endNote()).isEqualTo("alert resolved (onResolved: complete)");
    assertThat(only(id, "wait-ready").status())
        .as("the step in progress finishes first")
        .isEqualTo(StepStatus.SUCCEEDED);
    assertThat(store.attempts(id, "tell")).isEmpty();
    assertThat(notifier.posts()).isEmpty();
  }

  @Test
  void onResolvedCompleteEndsARunWaitingForARetryWithoutAnotherAttempt() {
    Workflow workflow =
        workflow(
            """
            onResolved: complete
            steps:
              - id: restart
                action: restart
                target: { kind: Deployment, namespace: shop, name: web }
                retry: { attempts: 3, backoff: 30s }
            """);
    cluster.fault("restart", new FakeCluster.Fault.Fail(unavailable()));
    String id = start(workflow);
    drive(id);
    assertWaiting(id, T0.plus(Duration.ofSeconds(30)));

    store.alertResolved(
        id, false, "alert resolved (onResolved: complete)", Optional.of(Actor.alertmanager("am")));
    drive(id);

    assertEnded(id, RunStatus.SUCCEEDED);
    assertThat(cluster.invocations("restart")).hasSize(1);
  }

  private Workflow verifyResolved() {
    return workflow(
        """
        onResolved: ignore
        steps:
          - id: verify
            action: waitForResolved
            timeout: 20m
          - id: tell
            action: notify
            with: { text: "resolved" }
        onFailure:
          - id: escalate
            action: notify
            with: { text: "not resolved: {{ run.failure }}" }
        """);
  }

  @Test
  void waitForResolvedCompletesWhenTheAlertResolves() {
    Workflow workflow = verifyResolved();
    String id = start(workflow);

    drive(id);

    assertWaiting(id, T0.plus(Duration.ofMinutes(20)));
    assertThat(only(id, "verify").status()).isEqualTo(StepStatus.STARTED);

    clock.advance(Duration.ofMinutes(3));
    store.alertResolved(id, false, "alert resolved (onResolved: ignore)", Optional.empty());
    drive(id);

    assertEnded(id, RunStatus.SUCCEEDED);
    StepExecution verify = only(id, "verify");
    assertThat(verify.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(verify.startedAt()).isEqualTo(T0);
    assertThat(verify.finishedAt()).contains(T0.plus(Duration.ofMinutes(3)));
    assertThat(notifier.texts()).containsExactly("resolved");
  }

  @Test
  void waitForResolvedFailsWhenTheAlertOutlastsItsTimeout() {
    Workflow workflow = verifyResolved();
    String id = start(workflow);
    drive(id);

    wakeUpAndDrive(id);

    assertEnded(id, RunStatus.FAILED);
    StepExecution verify = only(id, "verify");
    assertThat(verify.failure().orElseThrow().reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(notifier.texts())
        .singleElement()
        .asString()
        .startsWith("not resolved: timeout: still waiting after PT20M");
  }

  // ------------------------------------------------------------------ approvals

  @Nested
  class Approvals {

    private Workflow approvalThenRestart(String onTimeout) {
      return workflow(
          """
          steps:
            - id: approve
              approval:
                approvers: [ "U024BE7LH", "U024BE7LJ" ]
                quorum: 2
                timeout: 15m
                onTimeout: %s
                message: "Restart web?"
          """
                  .formatted(onTimeout)
              + RESTART.indent(2)
              + """
              onFailure:
                - id: tell
                  action: notify
                  with: { text: "not restarted: {{ run.failure }}" }
              """);
    }

    @Test
    void anApprovalWaitsUntilItsDeadlineAndAQuorumOfVotesLetsTheRunGoOn() {
      Workflow workflow = approvalThenRestart("reject");
      String id = start(workflow);

      drive(id);

      Instant deadline = T0.plus(Duration.ofMinutes(15));
      assertApprovalWait(id, deadline);
      StepExecution approval = only(id, "approve");
      assertThat(approval.status()).isEqualTo(StepStatus.STARTED);
      assertThat(approval.deadline()).isEqualTo(deadline);
      assertThat(approval.mutating()).isFalse();

      clock.advance(Duration.ofMinutes(1));
      store.vote(id, "approve", "U024BE7LH", true);
      store.vote(id, "approve", "U024BE7LH", true);
      drive(id);

      assertApprovalWait(id, deadline);
      assertThat(cluster.invocations()).isEmpty();

      clock.advance(Duration.ofMinutes(1));
      store.vote(id, "approve", "U024BE7LJ", true);
      drive(id);

      assertEnded(id, RunStatus.SUCCEEDED);
      approval = only(id, "approve");
      assertThat(approval.status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(approval.outputs()).containsEntry("approvedBy", "U024BE7LH,U024BE7LJ");
      assertThat(only(id, "restart").status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    @Test
    void aRejectionEndsTheRunRejectedAfterItsOnFailureSteps() {
      Workflow workflow = approvalThenRestart("reject");
      String id = start(workflow);
      drive(id);

      clock.advance(Duration.ofMinutes(2));
      store.vote(id, "approve", "U024BE7LH", true);
      store.vote(id, "approve", "U024BE7LJ", false);
      drive(id);

      assertEnded(id, RunStatus.REJECTED);
      assertThat(store.run(id).failure())
          .contains(
              StepFailure.permanent(FailureReason.APPROVAL_REJECTED, "rejected by U024BE7LJ"));
      assertThat(only(id, "approve").status()).isEqualTo(StepStatus.FAILED);
      assertThat(only(id, "tell").phase()).isEqualTo(Phase.ON_FAILURE);
      assertThat(notifier.texts())
          .containsExactly("not restarted: approval-rejected: rejected by U024BE7LJ");
      assertThat(cluster.invocations()).isEmpty();
    }

    @Test
    void anApprovalWithoutDecisionExpiresAtItsDeadline() {
      Workflow workflow = approvalThenRestart("reject");
      String id = start(workflow);
      drive(id);
      clock.advance(Duration.ofMinutes(1));
      store.vote(id, "approve", "U024BE7LH", true);
      drive(id);

      wakeUpUntilEnded(id);

      assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
      assertEnded(id, RunStatus.EXPIRED);
      assertThat(store.run(id).failure())
          .contains(
              StepFailure.permanent(
                  FailureReason.APPROVAL_EXPIRED, "no decision within PT15M (1 of 2 approvals)"));
      assertThat(notifier.texts())
          .containsExactly(
              "not restarted: approval-expired: no decision within PT15M (1 of 2" + " approvals)");
      assertThat(cluster.invocations()).isEmpty();
    }

    @Test
    void anApprovalThatLooksJustBeforeItsDeadlineAndIsStoredAfterItStillExpires() {
      expiresWhenLookedAtJustBeforeItsDeadline(() -> clock.advance(Duration.ofMillis(10)));
    }

    @Test
    void aLookStartedMillisecondsBeforeTheDeadlineMayTakeLongerAndTheApprovalStillExpires() {
      // The look (the votes read) takes 100 ms of real time: it is not cut off at the deadline as
      // a call would be (that failed the run "timeout" instead of "expired", seen in the full test
      // suite on a busy machine).
      expiresWhenLookedAtJustBeforeItsDeadline(
          () -> {
            try {
              Thread.sleep(100);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }

    /** Woken 5 ms before its deadline, the approval looks at its votes while {@code duringLook}. */
    private void expiresWhenLookedAtJustBeforeItsDeadline(Runnable duringLook) {
      String id = start(approvalThenRestart("reject"));
      drive(id);
      Instant deadline = T0.plus(Duration.ofMinutes(15));
      clock.set(deadline.minusMillis(5));
      store.whileVotesAreRead(duringLook);

      drive(id);

      assertWaiting(id, deadline);
      store.whileVotesAreRead(() -> {});
      wakeUpUntilEnded(id);
      assertEnded(id, RunStatus.EXPIRED);
      assertThat(store.run(id).failure().orElseThrow().reason())
          .isEqualTo(FailureReason.APPROVAL_EXPIRED);
      assertThat(only(id, "approve").status()).isEqualTo(StepStatus.FAILED);
      assertThat(only(id, "approve").failure().orElseThrow().reason())
          .isEqualTo(FailureReason.APPROVAL_EXPIRED);
    }

    @Test
    void anApprovalOpensWithThePlanOfTheStepsItGatesAndSettlesWithTheDecision() {
      String id = start(approvalThenRestart("reject"));
      drive(id);

      assertThat(approvals.all()).hasSize(1);
      dev.remedy.approval.Approval opened = approvals.all().get(0);
      assertThat(opened.runId()).isEqualTo(id);
      assertThat(opened.stepId()).isEqualTo("approve");
      assertThat(opened.message()).isEqualTo("Restart web?");
      assertThat(opened.quorum()).isEqualTo(2);
      assertThat(opened.approvers()).containsExactly("U024BE7LH", "U024BE7LJ");
      assertThat(opened.deadline()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
      assertThat(opened.plan())
          .containsExactly("restart: restart Deployment shop/web (replicas 3)");
      assertThat(opened.planDigest())
          .isEqualTo(GatedPlan.digest(opened.plan()))
          .startsWith("sha256:");

      clock.advance(Duration.ofMinutes(1));
      store.vote(id, "approve", "U024BE7LH", true);
      store.vote(id, "approve", "U024BE7LJ", true);
      drive(id);

      assertEnded(id, RunStatus.SUCCEEDED);
      assertThat(approvals.all()).hasSize(1);
      assertThat(approvals.all().get(0).status())
          .isEqualTo(dev.remedy.approval.ApprovalStatus.APPROVED);
      assertThat(only(id, "approve").outputs()).containsEntry("planDigest", opened.planDigest());
    }

    @Test
    void aPlanThatChangedBeforeTheDecisionDoesNotRun() {
      Workflow workflow =
          workflow(
              """
              steps:
                - id: approve
                  approval:
                    approvers: [ "U024BE7LH" ]
              """
                  + SCALE_UP.indent(2));
      String id = start(workflow);
      drive(id);
      String approvedPlan = approvals.all().get(0).plan().get(0);

      cluster.replicas(WEB, 7);
      store.vote(id, "approve", "U024BE7LH", true);
      drive(id);

      assertEnded(id, RunStatus.FAILED);
      assertThat(store.run(id).failure().orElseThrow().reason())
          .isEqualTo(FailureReason.PLAN_CHANGED);
      assertThat(store.run(id).failure().orElseThrow().message())
          .contains(approvals.all().get(0).planDigest())
          .doesNotContain(approvedPlan);
      assertThat(cluster.invocations()).isEmpty();
    }

    @Test
    void aQuorumThatNobodyConfiguredCanReachFailsAtOnce() {
      Workflow workflow =
          workflow(
              """
              steps:
                - id: approve
                  approval:
                    approvers: [ "group:nobody" ]
              """
                  + RESTART.indent(2));
      String id = start(workflow);
      drive(id);

      assertEnded(id, RunStatus.FAILED);
      assertThat(store.run(id).failure().orElseThrow().message())
          .isEqualTo(
              "quorum 1 cannot be reached: group:nobody name 0 people (groups from"
                  + " remedy.approvers.groups)");
      assertThat(approvals.all()).isEmpty();
      assertThat(cluster.invocations()).isEmpty();
    }

    @Test
    void anExpiredOrRejectedApprovalIsSettledSo() {
      String expired = start(approvalThenRestart("reject"));
      drive(expired);
      wakeUpUntilEnded(expired);
      String rejected = start(approvalThenRestart("reject"));
      drive(rejected);
      store.vote(rejected, "approve", "U024BE7LJ", false);
      drive(rejected);

      assertThat(approvals.forStep(expired, "approve").orElseThrow().status())
          .isEqualTo(dev.remedy.approval.ApprovalStatus.EXPIRED);
      assertThat(approvals.forStep(rejected, "approve").orElseThrow().status())
          .isEqualTo(dev.remedy.approval.ApprovalStatus.REJECTED);
    }

    @Test
    void onTimeoutApproveLetsTheRunGoOnAtTheDeadline() {
      Workflow workflow = approvalThenRestart("approve");
      String id = start(workflow);
      drive(id);

      wakeUpUntilEnded(id);

      assertEnded(id, RunStatus.SUCCEEDED);
      assertThat(only(id, "approve").outputs()).containsEntry("approvedBy", "timeout");
      assertThat(only(id, "restart").status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(notifier.posts()).isEmpty();
    }
  }

  // ------------------------------------------------------------------ guards

  @Nested
  class Guards {

    private Workflow restartWebThenApi() {
      return workflow(
          """
          steps:
            - id: restart-web
              action: restart
              target: { kind: Deployment, namespace: shop, name: web }
            - id: restart-api
              action: restart
              target: { kind: Deployment, namespace: shop, name: api }
          """);
    }

    private void budget(int maxActions) {
      settings =
          new EngineSettings(
              Duration.ofSeconds(30),
              Duration.ofSeconds(5),
              Duration.ofSeconds(30),
              Duration.ofSeconds(15),
              maxActions,
              Duration.ofMinutes(10),
              50);
    }

    @Test
    void aMutatingStepParksWhileAutomationIsOffAndTheParkIsRecordedOnce() {
      Workflow workflow =
          workflow(
              """
              steps:
                - id: tell
                  action: notify
                  with: { text: "restarting web" }
              """
                  + RESTART.indent(2));
      automation.set(false, false, "olga");
      String id = start(workflow);

      drive(id);

      assertWaiting(id, T0.plus(Duration.ofSeconds(15)));
      Run parked = store.run(id);
      assertThat(parked.parkedBy()).contains("automation-disabled");
      assertThat(parked.stepIndex()).isEqualTo(1);
      assertThat(notifier.texts())
          .as("non-mutating steps still run")
          .containsExactly("restarting web");
      assertThat(store.attempts(id, "restart")).isEmpty();
      assertThat(cluster.invocations()).isEmpty();
      List<GuardDecision> decisions = store.decisions();
      assertThat(decisions).hasSize(1);
      GuardDecision decision = decisions.getFirst();
      assertThat(decision.outcome()).isEqualTo(GuardDecision.Outcome.PARKED);
      assertThat(decision.guard()).contains(Guard.AUTOMATION_DISABLED);
      assertThat(decision.runId()).contains(id);
      assertThat(decision.workflow()).isEqualTo("test-workflow");
      assertThat(decision.dedupKey()).isEqualTo("shop/web");
      assertThat(decision.fingerprint()).isEqualTo("5ef77f1f8aaf4b6c");
      assertThat(decision.detail()).contains("olga");
      assertThat(decision.at()).isEqualTo(T0);

      wakeUpAndDrive(id);

      assertWaiting(id, T0.plus(Duration.ofSeconds(30)));
      assertThat(store.run(id).parkedBy()).contains("automation-disabled");
      assertThat(store.decisions()).as("recorded once").hasSize(1);
      assertThat(observer.guards).containsExactly("automation-disabled");
      assertThat(store.events(id))
          .filteredOn(e -> e instanceof AuditEvent.RunParked)
          .as("parked once, by the guard, before the mutating step")
          .singleElement()
          .extracting(AuditEvent::details)
          .satisfies(
              d ->
                  assertThat(d)
                      .containsEntry("step", "restart")
                      .containsEntry("guard", "automation-disabled"));

      clock.advance(Duration.ofSeconds(3));
      automation.set(true, false, "olga");
      assertThat(store.wakeParked(clock.instant())).isEqualTo(1);
      drive(id);

      assertEnded(id, RunStatus.SUCCEEDED);
      assertThat(store.run(id).parkedBy()).isEmpty();
      assertThat(only(id, "restart").status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(cluster.writes()).hasSize(1);
    }

    @Test
    void aSpentActionBudgetParksMutatingStepsUntilTheWindowHasRoom() {
      budget(1);
      Workflow workflow = restartWebThenApi();
      // Not counted: a dry-run mutation and a non-mutating step of another run.
      store.addAttempt(
          StepExecution.started(
              "other", "scale", Phase.STEPS, 1, "scale", T0.minusSeconds(60), T0, true, true));
      store.addAttempt(
          StepExecution.started(
              "other", "tell", Phase.STEPS, 1, "notify", T0.minusSeconds(60), T0, false, false));
      String id = start(workflow);

      drive(id);

      assertWaiting(id, T0.plus(Duration.ofSeconds(15)));
      assertThat(store.run(id).parkedBy()).contains("action-budget");
      assertThat(only(id, "restart-web").status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(store.attempts(id, "restart-api")).isEmpty();
      assertThat(store.decisions())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.guard()).contains(Guard.ACTION_BUDGET);
                assertThat(d.detail())
                    .isEqualTo(
                        "1 mutating actions in the last PT10M"
                            + " (remedy.guards.max-actions-per-window 1): parked until the window"
                            + " has room");
              });

      wakeUpAndDrive(id);
      assertThat(store.run(id).parkedBy()).contains("action-budget");
      assertThat(store.decisions()).hasSize(1);

      clock.set(T0.plus(Duration.ofMinutes(10)).plusMillis(1));
      drive(id);

      assertEnded(id, RunStatus.SUCCEEDED);
      assertThat(cluster.writes()).hasSize(2);
    }

    @Test
    void dryRunFromTheSwitchSendsMutationsAsDryRunOutsideTheBudget() {
      budget(1);
      automation.set(true, true, "olga");
      Workflow workflow = restartWebThenApi();
      String id = start(workflow);

      drive(id);

      assertEnded(id, RunStatus.SUCCEEDED);
      assertDryRun(id);
    }

    @Test
    void aDryRunRunSendsMutationsAsDryRun() {
      budget(1);
      Workflow workflow = restartWebThenApi();
      String id = start(workflow, Map.of(), true);

      drive(id);

      assertEnded(id, RunStatus.SUCCEEDED);
      assertDryRun(id);
    }

    private void assertDryRun(String id) {
      assertThat(cluster.invocations("restart"))
          .hasSize(2)
          .allSatisfy(i -> assertThat(i.call().dryRun()).isTrue());
      assertThat(store.attempts(id))
          .hasSize(2)
          .allSatisfy(
              s -> {
                assertThat(s.dryRun()).isTrue();
                assertThat(s.mutating()).isTrue();
              });
      assertThat(cluster.writes()).isEmpty();
      assertThat(cluster.dryRunWrites()).hasSize(2);
      assertThat(store.mutatingAttemptsSince(T0.minus(Duration.ofHours(1)), 100)).isZero();
      assertThat(store.decisions()).isEmpty();
      assertThat(store.run(id).parkedBy()).isEmpty();
    }
  }

  // ------------------------------------------------------------------ crash safety

  @Nested
  class CrashSafety {

    private final Workflow workflow =
        workflow(
            "steps:\n"
                + SCALE_UP.indent(2)
                + """
                  - id: tell
                    action: notify
                    with: { text: "web has {{ steps.scale-up.replicas }} replicas" }
                """);

    @Test
    void anAttemptLeftStartedByACrashedWorkerRunsAgainWithTheSameKeyAndCheckpoint() {
      String id = start(workflow);
      // A worker claimed the run, started the attempt, checkpointed, wrote 6 replicas, and died.
      Lease dead = new Lease("dead-replica", T0.plus(Duration.ofMinutes(2)).plusSeconds(30));
      assertThat(store.claim(dead, T0, 1, List.of(id)))
          .extracting(h -> h.run().id())
          .containsExactly(id);
      StepExecution started =
          StepExecution.started(
              id, "scale-up", Phase.STEPS, 1, "scale", T0, T0.plusSeconds(120), true, false);
      Run run = store.run(id).withAttemptStarted(1, T0);
      assertThat(store.start(run, List.of(), started, false, dead, dead, List.of()).stored())
          .isTrue();
      Map<String, String> checkpoint = Map.of("previousReplicas", "3", "replicas", "6");
      assertThat(store.checkpoint(started.withRecorded(checkpoint), dead)).isTrue();
      cluster.replicas(WEB, 6);

      clock.advance(Duration.ofMinutes(1));
      assertThat(
              store.claim(
                  new Lease("too-early", T0.plusSeconds(600)), clock.instant(), 1, List.of(id)))
          .as("not claimable while the dead worker's lease lasts")
          .isEmpty();

      clock.set(dead.until().plusMillis(1));
      drive(id);

      assertEnded(id, RunStatus.SUCCEEDED);
      FakeCluster.Invocation again = cluster.invocations("scale").getFirst();
      assertThat(again.call().key()).isEqualTo(new IdempotencyKey(id, "scale-up"));
      assertThat(again.call().recorded()).isEqualTo(checkpoint);
      assertThat(again.call().dryRun()).isFalse();
      assertThat(cluster.replicasOf(WEB)).as("the recorded count, not 6 × 2").isEqualTo(6);
      StepExecution attempt = only(id, "scale-up");
      assertThat(attempt.attempt()).isEqualTo(1);
      assertThat(attempt.startedAt()).isEqualTo(T0);
      assertThat(attempt.status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(attempt.recorded()).isEqualTo(checkpoint);
      assertThat(notifier.texts()).containsExactly("web has 6 replicas");
      // Both claims are recorded: the first, and the takeover of the dead worker's lease.
      assertThat(store.events(id))
          .filteredOn(e -> e instanceof AuditEvent.RunClaimed)
          .extracting(e -> ((AuditEvent.RunClaimed) e).owner())
          .hasSize(2)
          .startsWith("dead-replica");
    }

    @Test
    void aPausedWorkerWhoseLeaseWasTakenOverWritesNothing() throws Exception {
      String id = start(workflow);
      CountDownLatch paused = new CountDownLatch(1);
      CountDownLatch resume = new CountDownLatch(1);
      cluster.fault(
          "scale",
          new FakeCluster.Fault.AfterWrite(
              () -> {
                paused.countDown();
                try {
                  resume.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }));
      Claim first = claim(id);
      ExecutorService side = Executors.newSingleThreadExecutor();
      try {
        Future<?> pausedWorker = side.submit(() -> worker().drive(first.run(), first.lease()));
        assertThat(paused.await(5, TimeUnit.SECONDS)).isTrue();
        Instant leaseEnd = store.leaseUntil(id).orElseThrow();
        assertThat(leaseEnd).isEqualTo(T0.plus(Duration.ofMinutes(2)).plusSeconds(30));

        clock.set(leaseEnd.plusMillis(1));
        drive(id);

        assertEnded(id, RunStatus.SUCCEEDED);
        List<FakeCluster.Invocation> scales = cluster.invocations("scale");
        assertThat(scales).hasSize(2);
        assertThat(scales.get(1).call().key()).isEqualTo(scales.get(0).call().key());
        assertThat(scales.get(1).call().recorded())
            .isEqualTo(Map.of("previousReplicas", "3", "replicas", "6"));
        RunHistory after = store.load(id).orElseThrow();

        resume.countDown();
        pausedWorker.get(10, TimeUnit.SECONDS);

        assertThat(store.load(id)).contains(after);
        assertThat(store.leaseOwner(id)).isEmpty();
        assertThat(notifier.posts()).hasSize(1);
        assertThat(cluster.replicasOf(WEB)).isEqualTo(6);
      } finally {
        resume.countDown();
        side.shutdownNow();
      }
    }

    @Test
    void aWorkerThatLosesItsLeaseBeforeTheCheckpointNeitherWritesNorRecords() {
      String id = start(workflow);
      Lease other = new Lease("other-replica", T0.plus(Duration.ofMinutes(5)));
      cluster.fault(
          "scale", new FakeCluster.Fault.BeforeCheckpoint(() -> store.takeOver(id, other)));

      drive(id);

      assertThat(cluster.writes()).as("the checkpoint refused: no write").isEmpty();
      assertThat(cluster.replicasOf(WEB)).isEqualTo(3);
      assertThat(store.attempts(id))
          .as("the start waits for the checkpoint, which the lease refused: nothing stored")
          .isEmpty();
      assertThat(store.run(id).status().active()).isTrue();
      assertThat(store.leaseOwner(id)).contains("other-replica");
      assertThat(notifier.posts()).isEmpty();
    }

    @Test
    void aMutatingStepIsStoredAsStartedWithItsCheckpointBeforeItWrites() {
      String id = start(workflow);
      List<StepExecution> afterWrite = new CopyOnWriteArrayList<>();
      cluster.fault(
          "scale", new FakeCluster.Fault.AfterWrite(() -> afterWrite.addAll(store.attempts(id))));

      drive(id);

      assertEnded(id, RunStatus.SUCCEEDED);
      assertThat(afterWrite)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.status()).isEqualTo(StepStatus.STARTED);
                assertThat(a.recorded())
                    .as("stored with the start, in one transaction")
                    .isEqualTo(Map.of("previousReplicas", "3", "replicas", "6"));
              });
      assertThat(store.checkpoints()).as("no transaction of its own").isZero();
      assertThat(store.eventTypes(id))
          .startsWith("run.claimed", "step.started", "kubernetes.request", "step.succeeded");
    }

    @Test
    void aMutatingStepThatFailsBeforeItsCheckpointIsRecordedStartedThenFailed() {
      String id = start(workflow);
      cluster.fault(
          "scale",
          new FakeCluster.Fault.Fail(
              StepFailure.permanent(FailureReason.NOT_FOUND, "Deployment shop/web not found")));

      drive(id);

      assertEnded(id, RunStatus.FAILED);
      StepExecution attempt = only(id, "scale-up");
      assertThat(attempt.status()).isEqualTo(StepStatus.FAILED);
      assertThat(attempt.failure().orElseThrow().reason()).isEqualTo(FailureReason.NOT_FOUND);
      assertThat(cluster.writes()).isEmpty();
      assertThat(store.eventTypes(id))
          .containsExactly("run.claimed", "step.started", "step.failed", "run.finished");
    }

    @Test
    void aRunCancelledBeforeTheCheckpointIsNotWrittenTo() {
      String id = start(workflow);
      cluster.fault("scale", new FakeCluster.Fault.BeforeCheckpoint(cancelledByOlga(id)));

      drive(id);

      assertEnded(id, RunStatus.CANCELLED);
      assertThat(cluster.writes()).as("the start found the cancel: no write").isEmpty();
      assertThat(only(id, "scale-up").status()).isEqualTo(StepStatus.CANCELLED);
      assertThat(notifier.posts()).isEmpty();
    }

    @Test
    void aRetryThatReusesItsCheckpointIsStoredAsStartedBeforeTheCall() {
      Workflow retried = scaleUpRetriedOnce();
      String id = start(retried);
      List<StepExecution> atTheWrite = new CopyOnWriteArrayList<>();
      cluster.fault("scale", new FakeCluster.Fault.FailAfterWrite(unavailable()));
      cluster.fault(
          "scale", new FakeCluster.Fault.AfterWrite(() -> atTheWrite.addAll(store.attempts(id))));

      drive(id);
      int checkpoints = store.checkpoints();
      wakeUpAndDrive(id);

      assertEnded(id, RunStatus.SUCCEEDED);
      // The repeat writes without checkpointing again, so its start cannot wait for one.
      assertThat(atTheWrite)
          .filteredOn(a -> a.attempt() == 2)
          .singleElement()
          .satisfies(a -> assertThat(a.status()).isEqualTo(StepStatus.STARTED));
      assertThat(store.checkpoints()).isEqualTo(checkpoints);
      assertThat(cluster.replicasOf(WEB)).isEqualTo(6);
    }

    @Test
    void aWorkerWithoutTheLeaseWritesNothing() {
      String id = start(workflow);
      Lease holder = claim(id).lease();
      Run before = store.run(id);

      worker().drive(store.load(id).orElseThrow(), new Lease("stale-replica", T0.plusSeconds(30)));

      assertThat(store.run(id)).isEqualTo(before);
      assertThat(store.attempts(id)).isEmpty();
      assertThat(store.leaseOwner(id)).contains(holder.owner());
      assertThat(cluster.writes()).as("it may read; its checkpoint is refused").isEmpty();
      assertThat(observer.leasesLost).as("reported once").containsExactly("stale-replica");
    }
  }

  /** Counts what the engine reports. */
  private static final class RecordingObserver implements EngineObserver {
    final List<RunStatus> finished = new CopyOnWriteArrayList<>();
    final List<String> guards = new CopyOnWriteArrayList<>();
    final List<String> leasesLost = new CopyOnWriteArrayList<>();

    @Override
    public void leaseLost(String runId, String owner) {
      leasesLost.add(owner);
    }

    @Override
    public void runCreated(String workflow) {}

    @Override
    public void runFinished(
        String workflow, RunStatus outcome, Duration duration, Duration timeToMitigate) {
      finished.add(outcome);
    }

    @Override
    public void stepFinished(
        String action, StepStatus outcome, Duration duration, FailureReason reason) {}

    @Override
    public void guardApplied(String guard) {
      guards.add(guard);
    }
  }
}
