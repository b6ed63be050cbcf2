/** Slack: notifications now; approval messages and signed interactivity callbacks next. */
package dev.remedy.adapter.slack;
