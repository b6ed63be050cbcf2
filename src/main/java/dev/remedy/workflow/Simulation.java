package dev.remedy.workflow;

import dev.remedy.alert.Alert;
import dev.remedy.alert.AlertStatus;
import dev.remedy.matching.Matcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the catalog would do with a notification's alerts: per alert, which workflows match and
 * their rendered plans, and why every other workflow does not match. Pure: nothing is stored,
 * nothing is called. Guards and duplicates depend on runs, which a simulation does not look at.
 */
public final class Simulation {

  private Simulation() {}

  /** One alert's outcome. {@code note} explains what the alert's status means for runs. */
  public record AlertOutcome(
      String fingerprint,
      String status,
      Map<String, String> labels,
      List<Match> matched,
      List<Mismatch> notMatched,
      String note) {}

  /**
   * A matching workflow and what its run would do, or why it would fail before any step.
   *
   * @param refusal empty when the plan is good; else {@code field: message}
   */
  public record Match(
      String workflow,
      String version,
      String dedupKey,
      Map<String, String> params,
      List<PlannedStep> steps,
      List<PlannedStep> onFailure,
      String refusal) {}

  /** A workflow that does not match, and the matchers of it that do not hold. */
  public record Mismatch(String workflow, List<String> failing) {}

  public static List<AlertOutcome> run(Catalog catalog, List<Alert> alerts) {
    return alerts.stream().map(alert -> outcome(catalog, alert)).toList();
  }

  private static AlertOutcome outcome(Catalog catalog, Alert alert) {
    List<Workflow> matching = catalog.matching(alert.labels());
    Set<String> matchedNames = new HashSet<>();
    List<Match> matched = new ArrayList<>();
    for (Workflow workflow : matching) {
      matchedNames.add(workflow.name());
      matched.add(match(workflow, alert));
    }
    List<Mismatch> notMatched = new ArrayList<>();
    for (Workflow workflow : catalog.workflows()) {
      if (!matchedNames.contains(workflow.name())) {
        List<String> failing =
            workflow.matchers().failing(alert.labels()).stream().map(Matcher::toString).toList();
        notMatched.add(new Mismatch(workflow.name(), failing));
      }
    }
    boolean firing = alert.status() == AlertStatus.FIRING;
    String note =
        firing
            ? matched.isEmpty()
                ? "no workflow matches: no run would start"
                : "each match starts a run"
            : "resolved: starts no run; active runs of the matching workflows apply their onResolved";
    return new AlertOutcome(
        alert.fingerprint().value(),
        firing ? "firing" : "resolved",
        alert.labels().asMap(),
        matched,
        notMatched,
        note);
  }

  private static Match match(Workflow workflow, Alert alert) {
    return switch (RunPlanner.plan(workflow, alert)) {
      case PlanOutcome.Planned(RunPlan plan) ->
          new Match(
              workflow.name(),
              workflow.source().digest(),
              plan.dedupKey(),
              plan.params(),
              plan.steps(),
              plan.onFailure(),
              null);
      case PlanOutcome.Refused refused ->
          new Match(
              workflow.name(),
              workflow.source().digest(),
              null,
              Map.of(),
              List.of(),
              List.of(),
              refused.field() + ": " + refused.message());
    };
  }
}
