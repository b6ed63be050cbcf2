package dev.remedy.audit;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Verifies the stored chain from its start (genesis or checkpoint) to its head. */
public final class AuditVerification {

  private final AuditTrail trail;
  private final Function<String, Map<String, Object>> parser;

  public AuditVerification(AuditTrail trail, Function<String, Map<String, Object>> parser) {
    this.trail = trail;
    this.parser = parser;
  }

  public Verification verify() {
    Optional<Checkpoint> start = trail.checkpoint();
    ChainHead head = trail.head();
    ChainVerifier verifier = new ChainVerifier(start, parser);
    trail.stream(start.map(Checkpoint::seq).orElse(0L), head.seq(), verifier::accept);
    return verifier.finish(head);
  }
}
