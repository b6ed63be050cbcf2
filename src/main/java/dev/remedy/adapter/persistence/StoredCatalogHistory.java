package dev.remedy.adapter.persistence;

import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
import dev.remedy.workflow.CatalogEntry;
import dev.remedy.workflow.CatalogHistory;
import dev.remedy.workflow.Workflow;
import dev.remedy.workflow.WorkflowError;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/**
 * {@link CatalogHistory} in the database. A loaded version is recorded by the transaction that
 * inserts its {@code workflow_version} row (the primary key decides between replicas racing to
 * insert it: the loser's transaction rolls back with its event). A rejected content is looked up in
 * the chain itself ({@code catalog.rejected} events with its file digest) under the lock on the
 * chain head, so that replicas starting together record it once.
 */
@ApplicationScoped
public class StoredCatalogHistory implements CatalogHistory {

  private final StoredWorkflowVersions versions;
  private final AuditHeadLock head;
  private final EntityManager session;
  private final AuditLog audit;

  public StoredCatalogHistory(
      StoredWorkflowVersions versions, AuditHeadLock head, EntityManager session, AuditLog audit) {
    this.versions = versions;
    this.head = head;
    this.session = session;
    this.audit = audit;
  }

  @Override
  public void loaded(Workflow workflow) {
    String digest = workflow.source().digest();
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                if (!versions.known(digest)) {
                  versions.insert(workflow);
                }
              });
    } catch (PersistenceException raced) {
      // Another replica (or a run) stored the version first, with its event; fails again if not.
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                if (!versions.known(digest)) {
                  throw raced;
                }
              });
    }
  }

  @Override
  public void rejected(CatalogEntry entry) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              head.lock();
              if (!recordedAsRejected(entry.fileDigest())) {
                audit.append(
                    new AuditEvent.CatalogRejected(
                        entry.file(),
                        entry.fileDigest(),
                        entry.errors().stream().map(WorkflowError::toString).toList()));
              }
            });
  }

  private boolean recordedAsRejected(String fileDigest) {
    // Canonical JSON writes the field exactly so; a digest is "sha256:" and hex (no LIKE wildcard).
    Number found =
        (Number)
            session
                .createNativeQuery(
                    "select count(*) from audit_event where type = 'catalog.rejected'"
                        + " and body like :field")
                .setParameter("field", "%\"fileDigest\":\"" + fileDigest + "\"%")
                .getSingleResult();
    return found.longValue() > 0;
  }
}
