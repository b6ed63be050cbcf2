package dev.remedy.adapter.slack;

import static dev.remedy.adapter.slack.SlackPayloads.FORM;
import static dev.remedy.adapter.slack.SlackPayloads.click;
import static dev.remedy.adapter.slack.SlackPayloads.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remedy.adapter.slack.SlackInteraction.Vote;
import dev.remedy.api.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackInteractionReaderTest {

  private static final String APPROVAL = "0b9f6c1e-6a0e-4d38-9a8c-3f1f3c2b7d11";

  private static SlackInteraction read(String contentType, String body) {
    return SlackInteractionReader.read(contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void approveClickBecomesAVoteByUserIdAndTeam() {
    SlackInteraction interaction =
        read(FORM, form(click("U024BE7LH", ApprovalButtons.APPROVE, APPROVAL, "123.456.abc")));
    assertThat(interaction.userId()).isEqualTo("U024BE7LH");
    assertThat(interaction.teamId()).isEqualTo("T0REMEDY");
    assertThat(interaction.triggerId()).isEqualTo("123.456.abc");
    assertThat(interaction.channelId()).contains("C0SRE");
    assertThat(interaction.votes()).containsExactly(new Vote(APPROVAL, true));
    assertThat(interaction.ignored()).isZero();
  }

  @Test
  void rejectClickIsARejection() {
    SlackInteraction interaction =
        read(
            FORM + "; charset=utf-8",
            form(click("U1", ApprovalButtons.REJECT, APPROVAL, "1.2.3")) + "&other=x");
    assertThat(interaction.votes()).containsExactly(new Vote(APPROVAL, false));
  }

  @Test
  void otherActionsAreCountedNotVoted() {
    SlackInteraction interaction =
        read(FORM, form(click("U1", "overflow.menu", "anything at all", "1.2.3")));
    assertThat(interaction.votes()).isEmpty();
    assertThat(interaction.ignored()).isEqualTo(1);
  }

  @Test
  void theTeamIsTheWorkspaceWhenTheUserHasNone() {
    String payload =
        """
        {"type":"block_actions","user":{"id":"U1"},"team":{"id":"T9"},
         "actions":[{"action_id":"remedy.approve","value":"a-1"}]}""";
    SlackInteraction interaction = read(FORM, form(payload));
    assertThat(interaction.teamId()).isEqualTo("T9");
    assertThat(interaction.triggerId()).isEmpty();
    assertThat(interaction.channelId()).isEqualTo(Optional.empty());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not a form        | application/json | {"type":"block_actions"}  | $
          no content type   |                  | payload=%7B%7D            | $
          no payload        | FORM             | token=x&team_id=T1        | payload
          empty payload     | FORM             | payload=                  | payload
          two payloads      | FORM             | payload=%7B%7D&payload=%7B%7D | payload
          bad escape        | FORM             | payload=%7B%zz            | $
          not JSON          | FORM             | payload=%7Bnope           | payload
          a JSON array      | FORM             | payload=%5B%5D            | payload
          view submission   | FORM             | payload=%7B%22type%22%3A%22view_submission%22%7D | payload.type
          """)
  void aBodyThatIsNotABlockActionsFormIsRefused(
      String name, String contentType, String body, String field) {
    String type = "FORM".equals(contentType) ? FORM : contentType;
    assertRefused(() -> read(type, body), field);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no actions      | {"type":"block_actions","user":{"id":"U1","team_id":"T1"}} | payload.actions
          empty actions   | {"type":"block_actions","user":{"id":"U1","team_id":"T1"},"actions":[]} | payload.actions
          no user         | {"type":"block_actions","actions":[{"action_id":"x"}]} | payload.user.id
          no team         | {"type":"block_actions","user":{"id":"U1"},"actions":[{"action_id":"x"}]} | payload.team.id
          odd user id     | {"type":"block_actions","user":{"id":"U1 \\n x","team_id":"T1"},"actions":[{"action_id":"x"}]} | payload.user.id
          numeric user id | {"type":"block_actions","user":{"id":7,"team_id":"T1"},"actions":[{"action_id":"x"}]} | payload.user.id
          no value        | {"type":"block_actions","user":{"id":"U1","team_id":"T1"},"actions":[{"action_id":"remedy.approve"}]} | payload.actions[0].value
          odd value       | {"type":"block_actions","user":{"id":"U1","team_id":"T1"},"actions":[{"action_id":"remedy.reject","value":"scale web to 0"}]} | payload.actions[0].value
          odd trigger     | {"type":"block_actions","user":{"id":"U1","team_id":"T1"},"trigger_id":"a b","actions":[{"action_id":"x"}]} | payload.trigger_id
          """)
  void aPayloadWithoutWhatADecisionNeedsIsRefused(String name, String payload, String field) {
    assertRefused(() -> read(FORM, form(payload)), field);
  }

  private static void assertRefused(Runnable read, String field) {
    assertThatThrownBy(read::run)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status()).isEqualTo(400);
              assertThat(e.problem().type()).isEqualTo("urn:remedy:problem:invalid-payload");
              assertThat(e.problem().extensions()).containsEntry("field", field);
            });
  }
}
