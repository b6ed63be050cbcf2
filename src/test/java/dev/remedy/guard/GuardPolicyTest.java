package dev.remedy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.workflow.Guards;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Which guard refuses first, and what each says. */
class GuardPolicyTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final AutomationSwitch ON = new AutomationSwitch(true, false, "config", NOW);
  private static final AutomationSwitch OFF = new AutomationSwitch(false, false, "olga", NOW);

  /** cooldown 30m, at most 3 runs per hour per key, at most 5 active runs of the workflow. */
  private static final Guards ALL =
      new Guards(
          Optional.of(Duration.ofMinutes(30)),
          Optional.of(new Guards.RateLimit(3, Duration.ofHours(1))),
          OptionalInt.of(5),
          false);

  private static Optional<Guard> admit(
      Guards guards,
      AutomationSwitch automation,
      int runsSince,
      Optional<Instant> lastEnded,
      int active) {
    return GuardPolicy.admit(guards, automation, runsSince, lastEnded, active, NOW)
        .map(GuardPolicy.Refusal::guard);
  }

  private static final Optional<Instant> RECENTLY = Optional.of(NOW.minusSeconds(60));

  @Test
  void admitsWhenNoGuardRefuses() {
    assertThat(GuardPolicy.admit(ALL, ON, 2, Optional.of(NOW.minusSeconds(3600)), 4, NOW))
        .isEmpty();
    assertThat(GuardPolicy.admit(Guards.NONE, ON, 1000, RECENTLY, 1000, NOW)).isEmpty();
  }

  @Test
  void theKillSwitchComesFirst() {
    Optional<GuardPolicy.Refusal> refusal = GuardPolicy.admit(ALL, OFF, 3, RECENTLY, 5, NOW);

    assertThat(refusal.map(GuardPolicy.Refusal::guard)).contains(Guard.AUTOMATION_DISABLED);
    assertThat(refusal.orElseThrow().detail()).isEqualTo("automation is switched off (by olga)");
    assertThat(admit(Guards.NONE, OFF, 0, Optional.empty(), 0)).contains(Guard.AUTOMATION_DISABLED);
  }

  @Test
  void cooldownComesBeforeRateLimitAndConcurrency() {
    Optional<GuardPolicy.Refusal> refusal = GuardPolicy.admit(ALL, ON, 3, RECENTLY, 5, NOW);

    assertThat(refusal.map(GuardPolicy.Refusal::guard)).contains(Guard.COOLDOWN);
    assertThat(refusal.orElseThrow().detail())
        .isEqualTo(
            "the last run for this key ended at 2026-11-27T09:59:00Z; cooldown PT30M lasts until"
                + " 2026-11-27T10:29:00Z");
  }

  @Test
  void cooldownEndsExactlyWhenItsTimeHasPassed() {
    assertThat(admit(ALL, ON, 0, Optional.of(NOW.minus(Duration.ofMinutes(30)).plusMillis(1)), 0))
        .contains(Guard.COOLDOWN);
    assertThat(admit(ALL, ON, 0, Optional.of(NOW.minus(Duration.ofMinutes(30))), 0)).isEmpty();
    assertThat(admit(ALL, ON, 0, Optional.empty(), 0)).as("no run ended yet").isEmpty();
  }

  @Test
  void rateLimitComesBeforeConcurrency() {
    Optional<GuardPolicy.Refusal> refusal = GuardPolicy.admit(ALL, ON, 3, Optional.empty(), 5, NOW);

    assertThat(refusal.map(GuardPolicy.Refusal::guard)).contains(Guard.RATE_LIMIT);
    assertThat(refusal.orElseThrow().detail())
        .isEqualTo("3 runs for this key in the last PT1H (limit 3)");
    assertThat(admit(ALL, ON, 2, Optional.empty(), 0)).isEmpty();
  }

  @Test
  void concurrencyIsCheckedLast() {
    Optional<GuardPolicy.Refusal> refusal = GuardPolicy.admit(ALL, ON, 0, Optional.empty(), 5, NOW);

    assertThat(refusal.map(GuardPolicy.Refusal::guard)).contains(Guard.MAX_CONCURRENT_RUNS);
    assertThat(refusal.orElseThrow().detail())
        .isEqualTo("5 runs of this workflow are active (maxConcurrentRuns 5)");
    assertThat(admit(ALL, ON, 0, Optional.empty(), 4)).isEmpty();
  }

  @Test
  void aMutationIsRefusedByTheKillSwitchBeforeTheBudget() {
    Optional<GuardPolicy.Refusal> refusal =
        GuardPolicy.mayMutate(OFF, 20, 20, Duration.ofMinutes(10));

    assertThat(refusal.map(GuardPolicy.Refusal::guard)).contains(Guard.AUTOMATION_DISABLED);
    assertThat(refusal.orElseThrow().detail())
        .isEqualTo("automation is switched off (by olga): parked before a mutating step");
  }

  @Test
  void aMutationIsRefusedOnceTheBudgetIsSpent() {
    Duration window = Duration.ofMinutes(10);

    assertThat(GuardPolicy.mayMutate(ON, 19, 20, window)).isEmpty();
    Optional<GuardPolicy.Refusal> refusal = GuardPolicy.mayMutate(ON, 20, 20, window);
    assertThat(refusal.map(GuardPolicy.Refusal::guard)).contains(Guard.ACTION_BUDGET);
    assertThat(refusal.orElseThrow().detail())
        .isEqualTo(
            "20 mutating actions in the last PT10M (remedy.guards.max-actions-per-window 20):"
                + " parked until the window has room");
    assertThat(GuardPolicy.mayMutate(ON, 21, 20, window)).isPresent();
  }

  @Test
  void aBudgetOfZeroIsNoBudget() {
    assertThat(GuardPolicy.mayMutate(ON, 1_000_000, 0, Duration.ofMinutes(10))).isEmpty();
  }

  @Test
  void theDryRunPositionOfTheSwitchDoesNotRefuse() {
    AutomationSwitch dryRun = new AutomationSwitch(true, true, "olga", NOW);

    assertThat(GuardPolicy.mayMutate(dryRun, 0, 20, Duration.ofMinutes(10))).isEmpty();
    assertThat(GuardPolicy.admit(ALL, dryRun, 0, Optional.empty(), 0, NOW)).isEmpty();
  }
}
