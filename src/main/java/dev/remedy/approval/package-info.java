/**
 * Domain: human-in-the-loop approvals. An approval step opens an {@link Approval} (the plan of the
 * steps it gates and its digest, who may decide, the deadline); decisions come from Slack or the
 * API through {@link ApprovalDecisions} and are judged by {@link ApprovalPolicy}, the same rules
 * whatever the channel.
 */
package dev.remedy.approval;
