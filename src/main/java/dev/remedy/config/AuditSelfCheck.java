package dev.remedy.config;

import dev.remedy.audit.AuditVerification;
import dev.remedy.audit.Verification;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Recomputes the chain every {@code remedy.audit.verify-interval}: {@code remedy_audit_chain_valid}
 * (1 valid, 0 broken, absent before the first check), {@code remedy_audit_chain_head_seq}, and a
 * log line with the head hash, which can be shipped and kept outside the database (an anchor a
 * database administrator cannot rewrite).
 */
@ApplicationScoped
public class AuditSelfCheck {

  private final AuditVerification verification;
  private final AtomicReference<Verification> last = new AtomicReference<>();

  private final ServiceLifecycle lifecycle;

  public AuditSelfCheck(
      AuditVerification verification, MeterRegistry registry, ServiceLifecycle lifecycle) {
    this.verification = verification;
    this.lifecycle = lifecycle;
    Gauge.builder("remedy.audit.chain.valid", last, l -> valid(l.get()))
        .description("1 when the last self-check found the audit chain valid, 0 when broken")
        .register(registry);
    Gauge.builder("remedy.audit.chain.head.seq", last, l -> headSeq(l.get()))
        .description("The last verified audit event number")
        .register(registry);
  }

  @Scheduled(
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      identity = "remedy-audit-verify",
      every = "${remedy.audit.verify-interval}",
      delayed = "${remedy.audit.verify-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      check();
    } catch (RuntimeException e) {
      if (lifecycle.stopping()) {
        Log.debugf("Audit chain self-check ended by the stop (%s)", e.getMessage());
      } else {
        Log.warnf(e, "Audit chain self-check could not run (%s); the next one tries again", e);
      }
    }
  }

  /** The last scheduled or requested check, if one has run since start-up. */
  public java.util.Optional<Verification> last() {
    return java.util.Optional.ofNullable(last.get());
  }

  /** One check now (the schedule's; tests call it directly). */
  public Verification check() {
    Verification result = verification.verify();
    last.set(result);
    if (result.valid()) {
      Log.infof(
          "Audit chain valid: %d events, head seq %d hash %s",
          result.count(), result.headSeq(), result.headHash());
    } else {
      Log.errorf(
          "Audit chain BROKEN at event %d: %s (valid up to seq %d hash %s)",
          result.firstInvalidSeq().orElseThrow(),
          result.problem().orElse(""),
          result.headSeq(),
          result.headHash());
    }
    return result;
  }

  private static double valid(Verification v) {
    return v == null ? Double.NaN : v.valid() ? 1 : 0;
  }

  private static double headSeq(Verification v) {
    return v == null ? Double.NaN : v.headSeq();
  }
}
