package dev.remedy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditChainTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-12-03T11:56:20.123456Z");

  static Map<String, Object> parse(String json) {
    try {
      return JSON.readValue(json, new TypeReference<>() {});
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void canonicalFormSortsKeysAndEscapesAsJcs() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("b", List.of(1, 2L, true, "x"));
    value.put("a", "quote\" backslash\\ tab\t nl\n bell\u0007 é ✓");
    value.put("c", null);
    value.put("B", Map.of("z", 1, "y", AT));
    assertThat(CanonicalJson.write(value))
        .isEqualTo(
            "{\"B\":{\"y\":\"2026-12-03T11:56:20.123Z\",\"z\":1},"
                + "\"a\":\"quote\\\" backslash\\\\ tab\\t nl\\n bell\\u0007 é ✓\","
                + "\"b\":[1,2,true,\"x\"],\"c\":null}");
  }

  @Test
  void canonicalFormRefusesFractions() {
    assertThatThrownBy(() -> CanonicalJson.write(Map.of("x", 1.5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sealedBodyIsTheCanonicalEnvelopeAndHashLinksToThePrevious() {
    AuditEvent event =
        new AuditEvent.RunCreated(
            "r1", new WorkflowVersion("restart", "sha256:ab"), "k", "fp", "queued");
    SealedEvent first = AuditChain.seal(1, AT, event, AuditChain.GENESIS);
    assertThat(first.body())
        .isEqualTo(
            "{\"actor\":\"system\",\"at\":\"2026-12-03T11:56:20.123Z\",\"details\":{\"dedupKey\":\"k\","
                + "\"fingerprint\":\"fp\",\"status\":\"queued\"},\"runId\":\"r1\",\"seq\":1,"
                + "\"type\":\"run.created\",\"workflow\":{\"digest\":\"sha256:ab\",\"name\":\"restart\"}}");
    assertThat(first.hash()).isEqualTo(AuditChain.hash(AuditChain.GENESIS, first.body()));
    assertThat(CanonicalJson.write(parse(first.body()))).isEqualTo(first.body());
    SealedEvent second = AuditChain.seal(2, AT, event, first.hash());
    assertThat(second.prevHash()).isEqualTo(first.hash());
    assertThat(second.hash()).isNotEqualTo(first.hash());
  }

  @Test
  void redactionMasksSecretNamedFieldsAndInlineCredentials() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("password", "hunter2");
    details.put("slackToken", "xoxb-1");
    details.put("dedupKey", "keep-me");
    details.put(
        "message",
        "GET /x?token=abc123&y=1 failed: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9 bot xoxb-123-456");
    Map<String, Object> safe = Redaction.details(details);
    assertThat(safe.get("password")).isEqualTo(Redaction.REDACTED);
    assertThat(safe.get("slackToken")).isEqualTo(Redaction.REDACTED);
    assertThat(safe.get("dedupKey")).isEqualTo("keep-me");
    assertThat((String) safe.get("message"))
        .doesNotContain("abc123", "eyJhbGciOiJIUzI1NiJ9", "xoxb-123")
        .contains("token=[redacted]", "Bearer [redacted]", "&y=1");
    assertThat(Redaction.text("x".repeat(5000))).hasSizeLessThan(2100);
  }

  @Test
  void aFieldIsSecretByAnyOfTheWordsInAnyCaseOrSeparation() {
    List<String> secret =
        List.of(
            "password",
            "DB_PASSWD",
            "clientSecret",
            "x-auth-token",
            "Credentials",
            "AUTHORIZATION",
            "api_key",
            "Api-Key",
            "private-key",
            "tlsPrivateKey",
            "secretName"); // conservative: the word is enough
    List<String> plain = List.of("dedupKey", "key", "name", "replicas", "api", "keyring");
    Map<String, Object> details = new LinkedHashMap<>();
    secret.forEach(name -> details.put(name, "value"));
    plain.forEach(name -> details.put(name, "value"));
    Map<String, Object> safe = Redaction.details(details);
    secret.forEach(name -> assertThat(safe.get(name)).as(name).isEqualTo(Redaction.REDACTED));
    plain.forEach(name -> assertThat(safe.get(name)).as(name).isEqualTo("value"));
  }

  @Test
  void verifierAcceptsAnIntactChainAndNamesTheFirstBadEvent() {
    List<SealedEvent> chain = chain(5);
    assertThat(verify(chain, new ChainHead(5, chain.get(4).hash(), 5)).valid()).isTrue();

    List<SealedEvent> altered = new ArrayList<>(chain);
    SealedEvent third = altered.get(2);
    altered.set(2, withBody(third, third.body().replace("\"k\"", "\"other\"")));
    assertThat(firstInvalid(altered, chain)).isEqualTo(3);

    List<SealedEvent> missing = new ArrayList<>(chain);
    missing.remove(1);
    assertThat(firstInvalid(missing, chain)).isEqualTo(2);

    List<SealedEvent> swapped = new ArrayList<>(chain);
    SealedEvent a = swapped.get(1);
    SealedEvent b = swapped.get(3);
    swapped.set(1, renumbered(b, 2));
    swapped.set(3, renumbered(a, 4));
    assertThat(firstInvalid(swapped, chain)).isEqualTo(2);

    SealedEvent relabelled =
        new SealedEvent(
            3,
            AT,
            "run.created",
            "user:mallory",
            third.runId(),
            third.workflow(),
            third.body(),
            third.prevHash(),
            third.hash());
    List<SealedEvent> column = new ArrayList<>(chain);
    column.set(2, relabelled);
    assertThat(firstInvalid(column, chain)).isEqualTo(3);

    List<SealedEvent> appended = new ArrayList<>(chain);
    appended.add(AuditChain.seal(6, AT, event(), chain.get(4).hash()));
    Verification beyond = verify(appended.subList(0, 5), new ChainHead(5, chain.get(4).hash(), 6));
    assertThat(beyond.firstInvalidSeq()).contains(6L);
  }

  private static long firstInvalid(List<SealedEvent> events, List<SealedEvent> original) {
    SealedEvent last = original.get(original.size() - 1);
    Verification result = verify(events, new ChainHead(last.seq(), last.hash(), last.seq()));
    assertThat(result.valid()).isFalse();
    return result.firstInvalidSeq().orElseThrow();
  }

  private static Verification verify(List<SealedEvent> events, ChainHead head) {
    ChainVerifier verifier = new ChainVerifier(Optional.empty(), AuditChainTest::parse);
    for (SealedEvent event : events) {
      if (!verifier.accept(event)) {
        break;
      }
    }
    return verifier.finish(head);
  }

  private static List<SealedEvent> chain(int length) {
    List<SealedEvent> chain = new ArrayList<>();
    String previous = AuditChain.GENESIS;
    for (int seq = 1; seq <= length; seq++) {
      SealedEvent sealed = AuditChain.seal(seq, AT, event(), previous);
      chain.add(sealed);
      previous = sealed.hash();
    }
    return chain;
  }

  private static AuditEvent event() {
    return new AuditEvent.RunCreated("r1", new WorkflowVersion("w", "d"), "k", "fp", "queued");
  }

  private static SealedEvent withBody(SealedEvent e, String body) {
    return new SealedEvent(
        e.seq(),
        e.at(),
        e.type(),
        e.actor(),
        e.runId(),
        e.workflow(),
        body,
        e.prevHash(),
        e.hash());
  }

  private static SealedEvent renumbered(SealedEvent e, long seq) {
    return new SealedEvent(
        seq,
        e.at(),
        e.type(),
        e.actor(),
        e.runId(),
        e.workflow(),
        e.body(),
        e.prevHash(),
        e.hash());
  }
}
