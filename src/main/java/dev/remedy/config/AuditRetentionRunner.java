package dev.remedy.config;

import dev.remedy.audit.AuditArchive;
import dev.remedy.audit.AuditPruner;
import dev.remedy.audit.AuditRetention;
import dev.remedy.audit.AuditTrail;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/**
 * Runs {@link AuditRetention} every {@code remedy.audit.prune-interval} when {@code
 * remedy.audit.retention} is set. Every replica may run it: the checkpoint row is unique, so of two
 * passes at once one stores nothing (its archive file is the same events, and is overwritten).
 */
@ApplicationScoped
public class AuditRetentionRunner {

  /** Events archived and removed per pass (one file, one transaction) at most. */
  static final int MAX_EVENTS_PER_PASS = 10_000;

  private final Optional<AuditRetention> retention;
  private final Clock clock;

  public AuditRetentionRunner(
      AuditTrail trail, AuditArchive archive, AuditPruner pruner, AuditConfig config, Clock clock) {
    this.clock = clock;
    this.retention =
        config.retention().isZero()
            ? Optional.empty()
            : AuditWiring.signer(config)
                .map(
                    signer ->
                        new AuditRetention(
                            trail,
                            archive,
                            pruner,
                            signer,
                            config.retention(),
                            MAX_EVENTS_PER_PASS));
  }

  @Scheduled(
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      identity = "remedy-audit-retention",
      every = "${remedy.audit.prune-interval}",
      delayed = "${remedy.audit.prune-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    if (retention.isEmpty()) {
      return;
    }
    try {
      retention
          .get()
          .prune(clock.instant())
          .ifPresent(
              pass ->
                  Log.infof(
                      "Audit retention: archived events %d..%d to %s and removed them",
                      pass.firstSeq(), pass.lastSeq(), pass.archive()));
    } catch (RuntimeException e) {
      Log.warnf(e, "Audit retention: the pass failed (%s); the next one carries on", e);
    }
  }
}
