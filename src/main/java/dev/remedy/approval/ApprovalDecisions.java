package dev.remedy.approval;

/**
 * Use case: apply one person's decision to an approval, under the same policy whatever the channel
 * (Slack or API), in one transaction with the vote, the approval's new state and the wake-up of its
 * run. A second identical decision (a double click, a retried request) is refused as {@code
 * ALREADY_VOTED} and changes nothing.
 */
public interface ApprovalDecisions {

  DecisionOutcome decide(Decision decision);
}
