package dev.remedy.config;

import dev.remedy.approval.ApprovalDecisions;
import dev.remedy.approval.Decision;
import dev.remedy.approval.DecisionOutcome;
import dev.remedy.approval.Refusal;
import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stands in for the approval use case until its implementation is part of the build, so that the
 * Slack callback can be deployed and tested on its own; any other {@link ApprovalDecisions} bean
 * replaces it. Refuses every decision, saying why. Delete it once the real one has landed.
 */
@DefaultBean
@ApplicationScoped
public class NoApprovalDecisions implements ApprovalDecisions {

  @Override
  public DecisionOutcome decide(Decision decision) {
    Log.warnf(
        "Decision on approval %s refused: this build has no approval use case",
        decision.approvalId());
    return new DecisionOutcome.Refused(
        Refusal.NOT_FOUND, "This remedy cannot record approval decisions yet.");
  }
}
