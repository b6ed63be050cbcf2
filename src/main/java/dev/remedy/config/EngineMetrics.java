package dev.remedy.config;

import dev.remedy.run.EngineObserver;
import dev.remedy.run.FailureReason;
import dev.remedy.run.RunStatus;
import dev.remedy.run.StepStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The engine's metrics: {@code remedy_runs_total{workflow,outcome}} (outcome {@code created} or an
 * end status), {@code remedy_run_duration_seconds{workflow,outcome}}, {@code
 * remedy_step_duration_seconds{action,outcome,reason}}, {@code
 * remedy_guard_suppressions_total{guard}} and {@code remedy_time_to_mitigate_seconds{workflow}}:
 * from the alert's {@code startsAt} to the run's success.
 */
@ApplicationScoped
public class EngineMetrics implements EngineObserver {

  private final MeterRegistry registry;

  public EngineMetrics(MeterRegistry registry) {
    this.registry = registry;
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

  private Counter runs(String workflow, String outcome) {
    return Counter.builder("remedy.runs")
        .description("Runs created, and runs ended by outcome")
        .tags("workflow", workflow, "outcome", outcome)
        .register(registry);
  }
}
