package dev.remedy.approval;

import java.time.Instant;

/**
 * Port: the signed decision callbacks already accepted, shared by every replica. A valid signature
 * proves who sent a request, not that it is new: whoever captured one could send it again within
 * its acceptance window. Remembering each accepted signature until that window has passed makes a
 * callback count once.
 */
public interface SignedCallbacks {

  /**
   * Remembers a callback by its signature, durably, before returning.
   *
   * <p>Repeat: the second call with the same signature (on any replica) returns {@code false} and
   * changes nothing.
   *
   * @return {@code true} the first time this signature is seen, {@code false} for a replay
   * @throws RuntimeException when the store cannot be reached (nothing is remembered)
   */
  boolean firstSeen(String signature, Instant receivedAt);

  /**
   * Forgets the callbacks received before {@code cutoff}. Idempotent.
   *
   * @return how many were forgotten
   */
  int forgetBefore(Instant cutoff);
}
