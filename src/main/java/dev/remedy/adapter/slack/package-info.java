/**
 * Slack: notifications out, and in, the signed interactivity callback of the approval buttons
 * (signature, timestamp window and replay checked before a decision is handed to {@code
 * dev.remedy.approval}). Approval messages out come next.
 */
package dev.remedy.adapter.slack;
