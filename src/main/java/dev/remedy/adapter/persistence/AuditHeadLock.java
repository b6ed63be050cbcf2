package dev.remedy.adapter.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Takes the chain head's row lock early, for a transaction that must look at the chain before it
 * appends ("record this unless it is recorded already"): holding the lock, no other transaction can
 * append between the look and the commit, so replicas doing the same at once record it once. {@link
 * ChainedAuditLog} takes the same lock again at commit, which the transaction already holds.
 *
 * <p>Only for transactions that lock no other row: one holding a run or approval row while waiting
 * for the head could deadlock with an appender holding the head and waiting for that row.
 */
@ApplicationScoped
public class AuditHeadLock {

  private final EntityManager session;

  public AuditHeadLock(EntityManager session) {
    this.session = session;
  }

  /** Caller's transaction: locks the head row until commit. */
  @Transactional(TxType.MANDATORY)
  public void lock() {
    session.createNativeQuery("select seq from audit_head where id = 1 for update").getResultList();
  }
}
