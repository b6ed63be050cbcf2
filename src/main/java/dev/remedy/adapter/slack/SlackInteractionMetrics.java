package dev.remedy.adapter.slack;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code remedy_slack_interactions_total{outcome}}: what became of each interactivity request.
 * Registered at start-up, so that every outcome is exported (at 0) before the first click.
 */
@Startup
@ApplicationScoped
public class SlackInteractionMetrics {

  /** The {@code outcome} label. */
  public enum Outcome {
    /** Acknowledged; its decisions are being applied. */
    ACCEPTED,
    /** Signature headers missing, malformed or not made with our secrets. */
    BAD_SIGNATURE,
    /** Signed by Slack, but the timestamp is more than five minutes off (replay or clock skew). */
    STALE,
    /** The same signed request again. */
    REPLAY,
    /** Signed, but not a form with a {@code block_actions} payload remedy can read. */
    INVALID,
    /** From a workspace other than {@code remedy.slack.team-id}; acknowledged and ignored. */
    FOREIGN_TEAM,
    /** No signing secret is configured. */
    NOT_CONFIGURED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

  public SlackInteractionMetrics(MeterRegistry registry) {
    for (Outcome outcome : Outcome.values()) {
      counters.put(
          outcome,
          Counter.builder("remedy.slack.interactions")
              .description("Slack interactivity requests by how they were handled")
              .tag("outcome", outcome.label())
              .register(registry));
    }
  }

  void count(Outcome outcome) {
    counters.get(outcome).increment();
  }
}
