package dev.remedy.audit;

/**
 * Where audit events are appended (port; the persistence adapter chains them in the database).
 *
 * <p>Events are appended in the caller's transaction, the one that makes the change they describe:
 * they join the chain when it commits and vanish with it when it rolls back, so a crash can leave
 * neither a change without its events nor events without their change. Events appended by one
 * transaction keep their order in the chain.
 */
public interface AuditLog {

  /**
   * Appends an event in the current transaction, time-stamped now.
   *
   * @throws IllegalStateException when there is no active transaction
   */
  void append(AuditEvent event);
}
