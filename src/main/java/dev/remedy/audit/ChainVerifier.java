package dev.remedy.audit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Recomputes the chain one event at a time, in constant memory, and stops at the first event that
 * does not verify. For each event, in order of {@code seq}:
 *
 * <ol>
 *   <li>its number is the next one (a removed or moved event leaves a gap);
 *   <li>its {@code prevHash} is the previous event's hash, and its hash is {@link AuditChain#hash}
 *       of its body (an altered body, or a re-hashed one without the events after it, breaks this);
 *   <li>its body is canonical JSON and says the same number, time, type, actor, run and workflow as
 *       the stored columns (so a query column cannot be altered alone).
 * </ol>
 *
 * At the end the chain's last event must be the one the head row names (an event appended or
 * removed at the end without the head is found there).
 */
public final class ChainVerifier {

  private final Function<String, Map<String, Object>> parser;
  private final long fromSeq;
  private long expected;
  private String previousHash;
  private long count;
  private Long firstInvalid;
  private String problem;

  /**
   * @param start the checkpoint the stored chain continues from, or empty for the genesis
   * @param parser parses a JSON object (any JSON library: the check re-canonicalizes the result)
   */
  public ChainVerifier(Optional<Checkpoint> start, Function<String, Map<String, Object>> parser) {
    this.parser = Objects.requireNonNull(parser);
    this.fromSeq = start.map(Checkpoint::seq).orElse(0L);
    this.expected = fromSeq + 1;
    this.previousHash = start.map(Checkpoint::hash).orElse(AuditChain.GENESIS);
  }

  /**
   * Checks the next stored event.
   *
   * @return false once an event did not verify: stop reading
   */
  public boolean accept(SealedEvent event) {
    if (firstInvalid != null) {
      return false;
    }
    Optional<String> wrong = problemWith(event);
    if (wrong.isPresent()) {
      firstInvalid = Math.min(expected, event.seq());
      problem = wrong.get();
      return false;
    }
    previousHash = event.hash();
    expected++;
    count++;
    return true;
  }

  /** The verdict, given the head row as it is now. */
  public Verification finish(ChainHead head) {
    long last = expected - 1;
    if (firstInvalid == null && (head.seq() != last || !head.hash().equals(previousHash))) {
      firstInvalid = Math.min(head.seq(), last) + 1;
      problem =
          "the chain head names event "
              + head.seq()
              + " but the stored events end at "
              + last
              + (head.seq() == last ? " with another hash" : "");
    } else if (firstInvalid == null && head.lastStoredSeq() > head.seq()) {
      firstInvalid = head.seq() + 1;
      problem = "events are stored beyond the chain head (up to " + head.lastStoredSeq() + ")";
    }
    return new Verification(
        firstInvalid == null,
        count,
        fromSeq,
        last,
        previousHash,
        Optional.ofNullable(firstInvalid),
        Optional.ofNullable(problem));
  }

  private Optional<String> problemWith(SealedEvent event) {
    if (event.seq() != expected) {
      return Optional.of(
          "expected event " + expected + " next but found " + event.seq() + " (missing or moved)");
    }
    if (!previousHash.equals(event.prevHash())) {
      return Optional.of("prevHash does not link to the event before");
    }
    if (!AuditChain.hash(event.prevHash(), event.body()).equals(event.hash())) {
      return Optional.of("hash does not match the body");
    }
    Map<String, Object> body;
    try {
      body = parser.apply(event.body());
      if (!CanonicalJson.write(body).equals(event.body())) {
        return Optional.of("body is not in canonical form");
      }
    } catch (RuntimeException e) {
      return Optional.of("body is not canonical JSON of an event");
    }
    if (!(body.get("seq") instanceof Number seq) || seq.longValue() != event.seq()) {
      return Optional.of("body names another seq than the stored row");
    }
    if (!CanonicalJson.time(event.at()).equals(body.get("at"))
        || !event.type().equals(body.get("type"))
        || !event.actor().equals(body.get("actor"))
        || !event.runId().equals(Optional.ofNullable(body.get("runId")))
        || !event.workflow().equals(workflowName(body))) {
      return Optional.of("stored columns differ from the body");
    }
    return Optional.empty();
  }

  private static Optional<Object> workflowName(Map<String, Object> body) {
    return body.get("workflow") instanceof Map<?, ?> workflow
        ? Optional.ofNullable(workflow.get("name"))
        : Optional.empty();
  }
}
