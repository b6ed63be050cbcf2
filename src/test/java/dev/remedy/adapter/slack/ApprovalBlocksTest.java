package dev.remedy.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.approval.Approval;
import dev.remedy.approval.ApprovalStatus;
import dev.remedy.approval.Channel;
import dev.remedy.approval.Vote;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who decided, as the approval message says it: each vote names its channel in words a Slack reader
 * understands, on the tally of an open approval and on the approved and rejected lines.
 */
class ApprovalBlocksTest {

  private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

  @ParameterizedTest
  @CsvSource({"SLACK, via Slack", "API, via the API", "UI, via the web UI"})
  void everyChannelHasWords(Channel channel, String words) {
    assertThat(ApprovalBlocks.via(channel)).isEqualTo(words);
  }

  @Test
  void theTallyOfAnOpenApprovalSaysHowEachVoteCame() {
    String text =
        text(
            approval(ApprovalStatus.PENDING, 3),
            List.of(vote("U0SRE0001", true, Channel.SLACK), vote("olga", true, Channel.UI)));
    assertThat(text)
        .contains("2 of 3 approvals: <@U0SRE0001> (via Slack), olga (via the web UI)")
        .doesNotContain("(slack)", "(ui)");
  }

  @Test
  void theApprovedLineSaysHowEachApprovalCame() {
    String text =
        text(
            approval(ApprovalStatus.APPROVED, 2),
            List.of(vote("april", true, Channel.API), vote("olga", true, Channel.UI)));
    assertThat(text)
        .contains("*Approved* by april (via the API), olga (via the web UI) <!date^")
        .doesNotContain("(api)", "(ui)");
  }

  @Test
  void theRejectedLineSaysHowTheRejectionCameAndWhy() {
    Vote no = new Vote("U0SRE0001", false, Channel.SLACK, AT, "not during the freeze", "r-2");
    String text = text(approval(ApprovalStatus.REJECTED, 1), List.of(no));
    assertThat(text)
        .contains("*Rejected* by <@U0SRE0001> (via Slack): not during the freeze <!date^");
  }

  private static Approval approval(ApprovalStatus status, int quorum) {
    return new Approval(
        "0b9f6c1e-6a0e-4d38-9a8c-3f1f3c2b7d11",
        "run-1",
        "approve",
        "restart-web",
        status,
        List.of("U0SRE0001", "group:sre"),
        quorum,
        AT.plusSeconds(3600),
        "Restart web?",
        List.of("restart: restart Deployment engine/web"),
        "sha256:00",
        "C0APPROVAL",
        "alertmanager",
        AT,
        status.isOpen() ? Optional.empty() : Optional.of(AT.plusSeconds(60)),
        Optional.empty());
  }

  private static Vote vote(String voter, boolean approve, Channel via) {
    return new Vote(voter, approve, via, AT, "", "r-" + voter);
  }

  /** The mrkdwn of every block, one per line. */
  @SuppressWarnings("unchecked")
  private static String text(Approval approval, List<Vote> votes) {
    List<String> texts = new ArrayList<>();
    List<Object> blocks =
        (List<Object>)
            ApprovalBlocks.message(approval, Optional.empty(), votes, URI.create("https://remedy"))
                .get("blocks");
    for (Object block : blocks) {
      Map<String, Object> b = (Map<String, Object>) block;
      if (b.get("text") instanceof Map<?, ?> t) {
        texts.add(String.valueOf(t.get("text")));
      }
      if (b.get("elements") instanceof List<?> elements) {
        for (Object element : elements) {
          if (((Map<String, Object>) element).get("text") instanceof String s) {
            texts.add(s);
          }
        }
      }
    }
    return String.join("\n", texts);
  }
}
