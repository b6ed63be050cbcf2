package dev.remedy.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The one clock of the service (UTC), injected so that tests and the domain can control time.
 *
 * <p>It ticks in microseconds, the precision both databases keep: an instant the service holds in
 * memory (an approval's deadline in its audit event, say) is then the very instant the database
 * stores and the API answers. With nanoseconds, H2 and PostgreSQL round to the microsecond while
 * the audit log cuts to the millisecond, and the two could disagree by one (seen as a failing
 * assertion in ApprovalFlowTest, once).
 */
public class ClockProducer {

  @Produces
  @Singleton
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }
}
