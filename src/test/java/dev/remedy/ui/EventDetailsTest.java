package dev.remedy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.audit.Actor;
import dev.remedy.audit.AuditChain;
import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.WorkflowVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the audit tables show of a sealed body: the event's own fields, readable, and never the
 * envelope the other columns already show.
 */
class EventDetailsTest {

  private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");
  private static final WorkflowVersion RESTART = new WorkflowVersion("restart-web", "sha256:abc");

  private static EventDetails details(AuditEvent event) {
    return EventDetails.of(AuditChain.seal(42, AT, event, AuditChain.GENESIS).body());
  }

  @Test
  void showsTheFieldsOfTheEventKindAndNotTheEnvelope() {
    EventDetails details =
        details(
            new AuditEvent.StepFailed(
                "run-1", RESTART, "restart", "do", 2, "timeout", true, "no rollout in 60s"));
    assertThat(details.fields())
        .containsExactly(
            new EventDetails.Field("attempt", "2"),
            new EventDetails.Field("message", "no rollout in 60s"),
            new EventDetails.Field("phase", "do"),
            new EventDetails.Field("reason", "timeout"),
            new EventDetails.Field("retryable", "true"),
            new EventDetails.Field("step", "restart"));
    assertThat(details.fields())
        .extracting(EventDetails.Field::name)
        .doesNotContain("seq", "at", "type", "actor", "runId", "workflow", "details");
    assertThat(details.workflow()).isEqualTo(RESTART);
  }

  @Test
  void nestedValuesAreCompactAndNullsADash() {
    EventDetails details =
        details(
            new AuditEvent.AlertStored(
                7,
                "remedy",
                List.of(
                    new AuditEvent.AlertStored.StoredState("f1", "firing", "WebDown", AT),
                    new AuditEvent.AlertStored.StoredState("f2", "resolved", null, AT))));
    assertThat(details.fields())
        .containsExactly(
            new EventDetails.Field(
                "alerts",
                "{alertname: WebDown, fingerprint: f1, startsAt: 2026-12-03T10:00:00.000Z,"
                    + " status: firing}, {alertname: —, fingerprint: f2,"
                    + " startsAt: 2026-12-03T10:00:00.000Z, status: resolved}"),
            new EventDetails.Field("notificationId", "7"));
    assertThat(details.workflow()).isNull();

    assertThat(
            details(
                    new AuditEvent.ApprovalRequested(
                        "run-1",
                        RESTART,
                        "approve",
                        "a-1",
                        "sha256:def",
                        List.of("U0SRE0001", "group:sre"),
                        1,
                        AT))
                .fields())
        .contains(new EventDetails.Field("approvers", "U0SRE0001, group:sre"));
    assertThat(
            details(new AuditEvent.WorkflowsMatched(Actor.user("olga"), "f1", List.of(), List.of()))
                .fields())
        .contains(new EventDetails.Field("matched", "none"));
    assertThat(details(new AuditEvent.GuardsConfigured(Map.of("a", "b"))).fields())
        .containsExactly(new EventDetails.Field("a", "b"));
  }

  @Test
  void aLongValueIsCutAndTheBodyKeepsIt() {
    String longMessage = "x".repeat(EventDetails.MAX_VALUE + 50);
    EventDetails details =
        details(new AuditEvent.RunFinished("run-1", RESTART, "failed", longMessage));
    assertThat(details.fields())
        .contains(
            new EventDetails.Field("reason", "x".repeat(EventDetails.MAX_VALUE) + "…"),
            new EventDetails.Field("status", "failed"));
  }

  @Test
  void aBodyThatIsNotJsonHasNoFields() {
    assertThat(EventDetails.of("{\"details\":")).isEqualTo(new EventDetails(List.of(), null));
    assertThat(EventDetails.of("[]")).isEqualTo(new EventDetails(List.of(), null));
    assertThat(EventDetails.of(null)).isEqualTo(new EventDetails(List.of(), null));
  }
}
