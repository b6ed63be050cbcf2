package dev.remedy.adapter.persistence;

import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
import dev.remedy.audit.WorkflowVersion;
import dev.remedy.run.WorkflowVersions;
import dev.remedy.workflow.CatalogSource;
import dev.remedy.workflow.LoadResult;
import dev.remedy.workflow.Workflow;
import dev.remedy.workflow.spec.WorkflowFiles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the text of every workflow version a run was created from (table {@code workflow_version}),
 * and parses it back when a run outlives its file's version. Versions are immutable, so both
 * directions are cached in memory. The transaction that first stores a version records {@code
 * catalog.loaded} with it, whether the catalog stored it on load ({@link StoredCatalogHistory}) or
 * a run created from it did: every version that served is in the audit log once.
 */
@ApplicationScoped
public class StoredWorkflowVersions implements WorkflowVersions {

  private final WorkflowVersionRepository rows;
  private final CatalogSource catalog;
  private final Clock clock;
  private final TransactionSynchronizationRegistry transactions;
  private final AuditLog audit;
  private final Map<String, Boolean> stored = new ConcurrentHashMap<>();
  private final Map<String, Workflow> parsed = new ConcurrentHashMap<>();

  public StoredWorkflowVersions(
      WorkflowVersionRepository rows,
      CatalogSource catalog,
      Clock clock,
      TransactionSynchronizationRegistry transactions,
      AuditLog audit) {
    this.transactions = transactions;
    this.audit = audit;
    this.rows = rows;
    this.catalog = catalog;
    this.clock = clock;
  }

  @Override
  @Transactional(TxType.MANDATORY)
  public void remember(Workflow workflow) {
    String digest = workflow.source().digest();
    if (stored.containsKey(digest)) {
      return;
    }
    if (rows.findById(digest) == null) {
      try {
        insert(workflow);
      } catch (PersistenceException e) {
        throw PanacheAlertStore.translated(e);
      }
    }
    // Only known once committed; a rolled-back transaction must not leave the digest marked.
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              stored.put(digest, Boolean.TRUE);
            }
          }
        });
    parsed.putIfAbsent(digest, workflow);
  }

  /**
   * Caller's transaction: stores a version not stored yet, with its {@code catalog.loaded} event.
   *
   * @throws PersistenceException when another transaction stored it first
   */
  void insert(Workflow workflow) {
    WorkflowVersionEntity row = new WorkflowVersionEntity();
    row.digest = workflow.source().digest();
    row.name = workflow.name();
    row.file = workflow.source().file();
    row.source = workflow.source().text();
    row.firstSeen = clock.instant();
    rows.persist(row);
    rows.flush();
    rows.getEntityManager().detach(row);
    audit.append(
        new AuditEvent.CatalogLoaded(
            workflow.source().file(), new WorkflowVersion(workflow.name(), row.digest)));
  }

  /** Caller's transaction: whether the version is stored. */
  boolean known(String digest) {
    return stored.containsKey(digest) || rows.findById(digest) != null;
  }

  @Override
  public Optional<Workflow> find(String name, String digest) {
    Optional<Workflow> current = catalog.current().workflow(name);
    if (current.isPresent() && current.get().source().digest().equals(digest)) {
      return current;
    }
    Workflow cached = parsed.get(digest);
    if (cached != null) {
      return Optional.of(cached);
    }
    return QuarkusTransaction.joiningExisting().call(() -> load(digest));
  }

  private Optional<Workflow> load(String digest) {
    WorkflowVersionEntity row = rows.findById(digest);
    if (row == null) {
      return Optional.empty();
    }
    LoadResult result =
        WorkflowFiles.loadOne(row.file, row.source.getBytes(StandardCharsets.UTF_8));
    if (result instanceof LoadResult.Loaded loaded) {
      parsed.put(digest, loaded.workflow());
      return Optional.of(loaded.workflow());
    }
    return Optional.empty();
  }
}
