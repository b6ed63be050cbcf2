package dev.remedy.audit;

/** Removes archived events (port; the persistence adapter). */
public interface AuditPruner {

  /**
   * In one transaction: stores the checkpoint, deletes every event up to its number and appends
   * {@code pruned} to the chain.
   *
   * @return false when another replica stored the same checkpoint first (nothing changed)
   */
  boolean prune(Checkpoint checkpoint, AuditEvent.AuditPruned pruned);
}
