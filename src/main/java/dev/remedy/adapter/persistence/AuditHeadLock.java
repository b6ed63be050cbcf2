package dev.remedy.adapter.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Takes the chain head's row lock early, for a transaction that must look at the chain before it
 * appends ("record this unless it is recorded already"). With the lock, it seals every committed
 * staged event into the chain first ({@link AuditSealer}), so the look sees them; and no one else
 * can seal until it commits, so replicas doing the same at once record it once (the second seals
 * the first's event before it looks).
 *
 * <p>Only for transactions that lock no other row: one holding a run or approval row while waiting
 * for the head could deadlock with an appender holding the head and waiting for that row.
 */
@ApplicationScoped
public class AuditHeadLock {

  private final EntityManager session;
  private final AuditSealer sealer;
  private final TransactionSynchronizationRegistry transactions;

  public AuditHeadLock(
      EntityManager session, AuditSealer sealer, TransactionSynchronizationRegistry transactions) {
    this.session = session;
    this.sealer = sealer;
    this.transactions = transactions;
  }

  /** Caller's transaction: locks the head row until commit and seals what is committed. */
  @Transactional(TxType.MANDATORY)
  public void lock() {
    session.createNativeQuery("select seq from audit_head where id = 1 for update").getResultList();
    transactions.putResource(AuditSealer.HEAD_HELD, Boolean.TRUE);
    sealer.sealPending();
  }
}
