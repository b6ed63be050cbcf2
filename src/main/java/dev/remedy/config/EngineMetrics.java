package dev.remedy.config;

import dev.remedy.run.EngineObserver;
import dev.remedy.run.FailureReason;
import dev.remedy.run.RunStatus;
import dev.remedy.run.StepStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The engine's metrics: {@code remedy_runs_total{workflow,outcome}} (outcome {@code created} or an
 * end status), {@code remedy_run_duration_seconds{workflow,outcome}}, {@code
 * remedy_step_duration_seconds{action,outcome,reason}}, {@code
 * remedy_guard_suppressions_total{guard}} and {@code remedy_time_to_mitigate_seconds{workflow}}:
 * from the alert's {@code startsAt} to the run's success. Run outcomes and suppressions are also
 * passed on as asynchronous {@link dev.remedy.run.RunOutcome} events, for the Slack adapter.
 */
@ApplicationScoped
public class EngineMetrics implements EngineObserver {

  private final MeterRegistry registry;
  private final jakarta.enterprise.event.Event<dev.remedy.run.RunOutcome> outcomes;

  public EngineMetrics(
      MeterRegistry registry, jakarta.enterprise.event.Event<dev.remedy.run.RunOutcome> outcomes) {
    this.outcomes = outcomes;
    this.registry = registry;
    leasesLost(); // exported from the start at 0, so that an alert on its increase has a series
  }

  @Override
  public void runCreated(String workflow) {
    runs(workflow, "created").increment();
  }

  @Override
  public void runFinished(
      String workflow, RunStatus outcome, Duration duration, Duration timeToMitigate) {
    runs(workflow, outcome.wireName()).increment();
    Timer.builder("remedy.run.duration")
        .description("From a run's creation to its end")
        .tags("workflow", workflow, "outcome", outcome.wireName())
        .publishPercentileHistogram()
        .register(registry)
        .record(duration);
    if (timeToMitigate != null) {
      Timer.builder("remedy.time.to.mitigate")
          .description("From the alert's startsAt to the success of the run it started")
          .tags("workflow", workflow)
          .publishPercentileHistogram()
          .register(registry)
          .record(timeToMitigate.isNegative() ? Duration.ZERO : timeToMitigate);
    }
  }

  @Override
  public void stepFinished(
      String action, StepStatus outcome, Duration duration, FailureReason reason) {
    Timer.builder("remedy.step.duration")
        .description("One attempt of one step, from its start to its outcome")
        .tags(
            "action",
            action,
            "outcome",
            outcome.wireName(),
            "reason",
            reason == null ? "none" : reason.wireName())
        .publishPercentileHistogram()
        .register(registry)
        .record(duration);
  }

  @Override
  public void guardApplied(String guard) {
    Counter.builder("remedy.guard.suppressions")
        .description("Runs refused or parked by a guard")
        .tag("guard", guard)
        .register(registry)
        .increment();
  }

  @Override
  public void leaseLost(String runId, String owner) {
    leasesLost().increment();
    Log.warnf(
        "Run %s: lease %s is no longer held (a pause longer than the lease, or another replica took"
            + " the run over); this worker stops without writing",
        runId, owner);
  }

  private Counter leasesLost() {
    return Counter.builder("remedy.engine.leases.lost")
        .description("Times a worker found a run's lease gone when it went to write, and stopped")
        .register(registry);
  }

  private Counter runs(String workflow, String outcome) {
    return Counter.builder("remedy.runs")
        .description("Runs created, and runs ended by outcome")
        .tags("workflow", workflow, "outcome", outcome)
        .register(registry);
  }

  /** Forwarded, off the worker's thread, to whoever tells people (the Slack adapter). */
  @Override
  public void runEnded(dev.remedy.run.Run run) {
    outcomes.fireAsync(new dev.remedy.run.RunOutcome.Ended(run));
  }

  @Override
  public void runSuppressed(dev.remedy.guard.GuardDecision decision) {
    outcomes.fireAsync(new dev.remedy.run.RunOutcome.Suppressed(decision));
  }
}
