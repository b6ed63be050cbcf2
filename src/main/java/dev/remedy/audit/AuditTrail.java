package dev.remedy.audit;

import java.util.Optional;
import java.util.function.Predicate;

/** Reading the chain back (port; the persistence adapter reads the database). */
public interface AuditTrail {

  AuditPage find(AuditQuery query);

  /**
   * Hands every stored event numbered above {@code afterSeq} and up to {@code throughSeq} to {@code
   * reader}, in order, reading a page at a time (constant memory however long the chain), until the
   * reader answers false.
   */
  void stream(long afterSeq, long throughSeq, Predicate<SealedEvent> reader);

  ChainHead head();

  /** The number of the last event appended before {@code at} (0 when none). */
  long lastSeqBefore(java.time.Instant at);

  /** Where the stored chain starts when old events were pruned. */
  Optional<Checkpoint> checkpoint();
}
