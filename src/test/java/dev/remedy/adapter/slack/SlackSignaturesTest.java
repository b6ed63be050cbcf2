package dev.remedy.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import dev.remedy.adapter.slack.SlackSignatures.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signature checks against Slack's documented example and Slack's own signer, at a fixed time. */
class SlackSignaturesTest {

  /** From https://api.slack.com/authentication/verifying-requests-from-slack. */
  private static final String DOC_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

  private static final String DOC_TIMESTAMP = "1531420618";
  private static final String DOC_BODY =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
          + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
          + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554"
          + "%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fc"
          + "e8b6703c";
  private static final String DOC_SIGNATURE =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  private static final String CURRENT = "current-secret-0123456789abcdef";
  private static final String PREVIOUS = "previous-secret-fedcba9876543210";
  private static final long NOW = 1_700_000_000L;
  private static final String BODY =
      "payload=%7B%22type%22%3A%22block_actions%22%2C%22text%22%3A%22caf%C3%A9%20%E2%9C%93%22%7D";

  private static SlackSignatures at(long epochSecond, String... secrets) {
    return new SlackSignatures(
        List.of(secrets), Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  private static String slackSigns(String secret, long timestamp, String body) {
    return new SlackSignature.Generator(secret).generate(Long.toString(timestamp), body);
  }

  private static Verdict verify(SlackSignatures signatures, long timestamp, String signature) {
    return signatures.verify(
        Long.toString(timestamp), signature, BODY.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void slacksDocumentedExampleIsValid() {
    assertThat(
            at(Long.parseLong(DOC_TIMESTAMP), DOC_SECRET)
                .verify(DOC_TIMESTAMP, DOC_SIGNATURE, DOC_BODY.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Verdict.VALID);
    assertThat(slackSigns(DOC_SECRET, Long.parseLong(DOC_TIMESTAMP), DOC_BODY))
        .isEqualTo(DOC_SIGNATURE);
  }

  @Test
  void whatSlacksGeneratorSignsIsValid() {
    SlackSignatures signatures = at(NOW, CURRENT);
    assertThat(verify(signatures, NOW, slackSigns(CURRENT, NOW, BODY))).isEqualTo(Verdict.VALID);
    String unicode = "payload={\"text\":\"ünïcödé ✓ 日本\"}";
    assertThat(
            signatures.verify(
                Long.toString(NOW),
                slackSigns(CURRENT, NOW, unicode),
                unicode.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Verdict.VALID);
  }

  @Test
  void duringARotationBothSecretsAreAccepted() {
    SlackSignatures rotating = at(NOW, CURRENT, PREVIOUS);
    assertThat(verify(rotating, NOW, slackSigns(CURRENT, NOW, BODY))).isEqualTo(Verdict.VALID);
    assertThat(verify(rotating, NOW, slackSigns(PREVIOUS, NOW, BODY))).isEqualTo(Verdict.VALID);
    assertThat(verify(at(NOW, CURRENT), NOW, slackSigns(PREVIOUS, NOW, BODY)))
        .isEqualTo(Verdict.FORGED);
  }

  @Test
  void aWrongSecretOrAChangedBodyIsForged() {
    SlackSignatures signatures = at(NOW, CURRENT);
    assertThat(verify(signatures, NOW, slackSigns("another-apps-secret", NOW, BODY)))
        .isEqualTo(Verdict.FORGED);
    String signed = slackSigns(CURRENT, NOW, BODY);
    assertThat(
            signatures.verify(
                Long.toString(NOW), signed, (BODY + "x").getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Verdict.FORGED);
    assertThat(verify(signatures, NOW, signed.toUpperCase())).isEqualTo(Verdict.FORGED);
    assertThat(verify(signatures, NOW, signed.substring(3))).isEqualTo(Verdict.FORGED);
    assertThat(verify(signatures, NOW, "v1=" + signed.substring(3))).isEqualTo(Verdict.FORGED);
    assertThat(verify(signatures, NOW, signed.substring(0, signed.length() - 1)))
        .isEqualTo(Verdict.FORGED);
  }

  @Test
  void missingOrMalformedHeadersAreRefused() {
    SlackSignatures signatures = at(NOW, CURRENT);
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    String signed = slackSigns(CURRENT, NOW, BODY);
    assertThat(signatures.verify(null, signed, body)).isEqualTo(Verdict.MISSING);
    assertThat(signatures.verify(Long.toString(NOW), null, body)).isEqualTo(Verdict.MISSING);
    assertThat(signatures.verify("", "", body)).isEqualTo(Verdict.MISSING);
    assertThat(signatures.verify(NOW + ".0", signed, body)).isEqualTo(Verdict.FORGED);
    assertThat(signatures.verify("-" + NOW, signed, body)).isEqualTo(Verdict.FORGED);
  }

  @Test
  void theTimestampMustBeWithinFiveMinutesEitherWay() {
    SlackSignatures signatures = at(NOW, CURRENT);
    for (long offset : new long[] {-300, -1, 0, 1, 300}) {
      long timestamp = NOW + offset;
      assertThat(verify(signatures, timestamp, slackSigns(CURRENT, timestamp, BODY)))
          .as("%+d s", offset)
          .isEqualTo(Verdict.VALID);
    }
    for (long offset : new long[] {-360, -301, 301, 360, -86_400}) {
      long timestamp = NOW + offset;
      assertThat(verify(signatures, timestamp, slackSigns(CURRENT, timestamp, BODY)))
          .as("%+d s", offset)
          .isEqualTo(Verdict.STALE);
    }
  }

  @Test
  void staleIsOnlySaidOfWhatSlackSigned() {
    long old = NOW - 3600;
    assertThat(verify(at(NOW, CURRENT), old, slackSigns("not-ours", old, BODY)))
        .isEqualTo(Verdict.FORGED);
  }
}
