package dev.remedy.adapter.persistence;

import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
import dev.remedy.audit.AuditPruner;
import dev.remedy.audit.Checkpoint;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * {@link AuditPruner}: the checkpoint row (its primary key is the event number, so two replicas
 * pruning at once cannot both store it), the delete and the {@code audit.pruned} event, in one
 * transaction.
 */
@ApplicationScoped
public class JdbcAuditPruner implements AuditPruner {

  private final EntityManager session;
  private final AuditLog audit;

  public JdbcAuditPruner(EntityManager session, AuditLog audit) {
    this.session = session;
    this.audit = audit;
  }

  @Override
  public boolean prune(Checkpoint checkpoint, AuditEvent.AuditPruned pruned) {
    try {
      QuarkusTransaction.requiringNew().run(() -> store(checkpoint, pruned));
      return true;
    } catch (RuntimeException e) {
      if (ConcurrencyConflicts.isConflict(e)) {
        return false;
      }
      throw e;
    }
  }

  private void store(Checkpoint checkpoint, AuditEvent.AuditPruned pruned) {
    session
        .createNativeQuery(
            "insert into audit_checkpoint (seq, hash, at, archive, signature)"
                + " values (?1, ?2, ?3, ?4, ?5)")
        .setParameter(1, checkpoint.seq())
        .setParameter(2, checkpoint.hash())
        .setParameter(3, SqlValues.utc(checkpoint.at()))
        .setParameter(4, checkpoint.archive())
        .setParameter(5, checkpoint.signature())
        .executeUpdate();
    session
        .createNativeQuery("delete from audit_event where seq <= ?1")
        .setParameter(1, checkpoint.seq())
        .executeUpdate();
    audit.append(pruned);
  }
}
