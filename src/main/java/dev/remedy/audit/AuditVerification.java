package dev.remedy.audit;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies the stored chain from its start (genesis, or the signed checkpoint left by pruning) to
 * its head.
 */
public final class AuditVerification {

  private final AuditTrail trail;
  private final Function<String, Map<String, Object>> parser;
  private final Optional<CheckpointSigner> signer;

  public AuditVerification(
      AuditTrail trail,
      Function<String, Map<String, Object>> parser,
      Optional<CheckpointSigner> signer) {
    this.trail = trail;
    this.parser = parser;
    this.signer = signer;
  }

  public Verification verify() {
    Optional<Checkpoint> start = trail.checkpoint();
    ChainHead head = trail.head();
    if (start.isPresent() && !signer.map(s -> s.authentic(start.get())).orElse(false)) {
      Checkpoint checkpoint = start.get();
      return new Verification(
          false,
          0,
          checkpoint.seq(),
          checkpoint.seq(),
          checkpoint.hash(),
          Optional.of(checkpoint.seq()),
          Optional.of(
              signer.isPresent()
                  ? "the pruning checkpoint's signature does not verify"
                  : "a pruning checkpoint exists but remedy.audit.checkpoint-key is not set"));
    }
    ChainVerifier verifier = new ChainVerifier(start, parser);
    trail.stream(start.map(Checkpoint::seq).orElse(0L), head.seq(), verifier::accept);
    return verifier.finish(head);
  }
}
