package dev.remedy.approval;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One approval step of one run, waiting for (or past) its decision.
 *
 * @param id opaque (a random UUID): the Slack button's value and the API path; it says nothing of
 *     the action it approves
 * @param approvers as the workflow lists them: Slack user ids and {@code group:<name>}
 * @param quorum distinct approvals needed
 * @param message the step's rendered message
 * @param plan one line per gated step (the steps after this approval up to the next one), with the
 *     values read from the cluster when the approval opened
 * @param planDigest {@code sha256:<hex>} of the plan; the gated steps run only if the plan read
 *     again at the decision has the same digest
 * @param channel Slack channel of the request (the step's, or {@code remedy.slack.channel})
 * @param requestedBy who started the run: {@code alertmanager} for alert runs, a person for manual
 *     runs (who may then not approve it)
 * @param slackTs the Slack message, once posted ({@code ts})
 */
public record Approval(
    String id,
    String runId,
    String stepId,
    String workflow,
    ApprovalStatus status,
    List<String> approvers,
    int quorum,
    Instant deadline,
    String message,
    List<String> plan,
    String planDigest,
    String channel,
    String requestedBy,
    Instant requestedAt,
    Optional<Instant> decidedAt,
    Optional<String> slackTs) {

  public Approval {
    Objects.requireNonNull(id);
    approvers = List.copyOf(approvers);
    plan = List.copyOf(plan);
  }

  public Approval withStatus(ApprovalStatus next, Instant at) {
    return new Approval(
        id,
        runId,
        stepId,
        workflow,
        next,
        approvers,
        quorum,
        deadline,
        message,
        plan,
        planDigest,
        channel,
        requestedBy,
        requestedAt,
        next.isOpen() ? Optional.empty() : Optional.of(at),
        slackTs);
  }
}
