package dev.remedy.config;

import dev.remedy.approval.ApprovalSettled;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * {@code remedy_approvals_total{outcome}} and {@code remedy_approval_wait_seconds}, for approvals
 * decided by people (Slack or the API), counted once their decision is committed.
 */
@ApplicationScoped
public class ApprovalMetrics {

  private final MeterRegistry registry;

  public ApprovalMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void settled(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApprovalSettled event) {
    Counter.builder("remedy_approvals_total")
        .description("Approvals decided, by outcome")
        .tag("outcome", event.status().wireName())
        .register(registry)
        .increment();
    Timer.builder("remedy_approval_wait_seconds")
        .description("Time from an approval request to its decision")
        .publishPercentileHistogram()
        .register(registry)
        .record(event.waited());
  }
}
