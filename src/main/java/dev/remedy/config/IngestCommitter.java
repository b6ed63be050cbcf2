package dev.remedy.config;

import dev.remedy.alert.GroupCommit;
import dev.remedy.alert.IngestRejectedException;
import dev.remedy.alert.IngestTransactions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Runs the one committer thread of this process for {@link GroupCommit}: it loops on {@link
 * GroupCommit#commitNext} from start-up to shutdown. On shutdown the service takes no more
 * notifications (503), stores those already waiting for up to {@code
 * remedy.ingest.shutdown-timeout}, and answers any left 503: Alertmanager retries them.
 */
@Singleton
public class IngestCommitter {

  /** How often an idle committer looks up to see whether it should stop. */
  private static final Duration IDLE_POLL = Duration.ofMillis(200);

  private final GroupCommit groupCommit;
  private final Duration shutdownTimeout;
  private volatile boolean stopping;
  private Thread thread;

  public IngestCommitter(
      IngestTransactions transactions, IngestConfig config, MeterRegistry registry) {
    this.groupCommit =
        new GroupCommit(
            transactions,
            new GroupCommit.Limits(
                config.queueCapacity(), config.batchMaxNotifications(), config.batchMaxAlerts()),
            new IngestMetrics(registry));
    this.shutdownTimeout = config.shutdownTimeout();
    Gauge.builder("remedy.ingest.queue.size", groupCommit, GroupCommit::backlog)
        .description("Notifications waiting to be stored")
        .register(registry);
  }

  @Produces
  @Singleton
  GroupCommit groupCommit() {
    return groupCommit;
  }

  synchronized void start(@Observes StartupEvent event) {
    if (thread == null) {
      thread = Thread.ofPlatform().name("remedy-ingest-committer").daemon().start(this::run);
    }
  }

  private void run() {
    while (true) {
      try {
        if (groupCommit.commitNext(IDLE_POLL) == 0 && stopping) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        // The batch's requests have their answer already; the committer must keep going.
        Log.error("the ingest committer failed; continuing", e);
      }
    }
  }

  void stop(@Observes ShutdownEvent event) {
    shutDown();
  }

  @PreDestroy
  synchronized void shutDown() {
    if (stopping) {
      return;
    }
    groupCommit.close();
    stopping = true;
    if (thread != null) {
      try {
        // Not interrupted after the timeout: it may be inside a database call, which an
        // interrupt can break; it is a daemon thread and stops at its next idle poll.
        thread.join(shutdownTimeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int failed =
        groupCommit.failWaiting(
            new IngestRejectedException(IngestRejectedException.Reason.SHUTTING_DOWN));
    if (failed > 0) {
      Log.warnf(
          "shutting down: %d notifications were not stored in %s and were answered 503"
              + " (Alertmanager retries them)",
          failed, shutdownTimeout);
    }
  }
}
