package dev.remedy.adapter.persistence;

import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
import dev.remedy.audit.CanonicalJson;
import dev.remedy.audit.Redaction;
import dev.remedy.audit.WorkflowVersion;
import dev.remedy.workflow.CatalogEntry;
import dev.remedy.workflow.CatalogHistory;
import dev.remedy.workflow.Workflow;
import dev.remedy.workflow.WorkflowError;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link CatalogHistory} in the database. A new version is recorded by the transaction that inserts
 * its {@code workflow_version} row (the primary key decides between replicas racing to insert it:
 * the loser's transaction rolls back with its event). Everything else is looked up in the chain
 * itself under the lock on the chain head, so that replicas seeing the same files record it once:
 * each file's last catalog event, found by its file name, says whether a known version serving, a
 * rejected content or a removal is news. At start-up, the files the chain still counts as served
 * are found by one read of all catalog events (through the type index).
 */
@ApplicationScoped
public class StoredCatalogHistory implements CatalogHistory {

  private static final String LOADED = "catalog.loaded";
  private static final String REJECTED = "catalog.rejected";
  private static final String REMOVED = "catalog.removed";
  private static final String CATALOG_TYPES =
      "type in ('" + LOADED + "', '" + REJECTED + "', '" + REMOVED + "')";

  private final StoredWorkflowVersions versions;
  private final AuditHeadLock head;
  private final AuditSealer sealer;
  private final EntityManager session;
  private final AuditLog audit;

  public StoredCatalogHistory(
      StoredWorkflowVersions versions,
      AuditHeadLock head,
      AuditSealer sealer,
      EntityManager session,
      AuditLog audit) {
    this.versions = versions;
    this.head = head;
    this.sealer = sealer;
    this.session = session;
    this.audit = audit;
  }

  @Override
  public void loaded(Workflow workflow) {
    if (storedNow(workflow)) {
      return;
    }
    String file = workflow.source().file();
    String digest = workflow.source().digest();
    // The unlocked look spares the locked one on every start-up; seal first: an event this
    // process has just recorded may still be staged.
    sealer.sealPending();
    if (QuarkusTransaction.requiringNew().call(() -> servingAsRecorded(file, digest))) {
      return;
    }
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              head.lock();
              if (!servingAsRecorded(file, digest)) {
                audit.append(new AuditEvent.CatalogLoaded(file, version(workflow)));
              }
            });
  }

  /**
   * Whether the file's last catalog event is the loading of this very version. It is not when the
   * file was edited back to an earlier version, fixed after a rejection, or put back after its
   * removal: the version serves again, and the trail must say so.
   */
  private boolean servingAsRecorded(String file, String digest) {
    return lastRecorded(file).filter(last -> last.isLoadingOf(digest)).isPresent();
  }

  /** Stores the version with its event if it is new; false when it was stored before. */
  private boolean storedNow(Workflow workflow) {
    String digest = workflow.source().digest();
    try {
      return QuarkusTransaction.requiringNew()
          .call(
              () -> {
                if (versions.known(digest)) {
                  return false;
                }
                versions.insert(workflow);
                return true;
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
      return false;
    }
  }

  @Override
  public void rejected(CatalogEntry entry) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              head.lock();
              if (lastRecorded(entry.file())
                  .filter(last -> last.isRejectionOf(entry.fileDigest()))
                  .isEmpty()) {
                audit.append(
                    new AuditEvent.CatalogRejected(
                        entry.file(),
                        entry.fileDigest(),
                        entry.errors().stream().map(WorkflowError::toString).toList()));
              }
            });
  }

  @Override
  public void removed(CatalogEntry entry) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              head.lock();
              if (lastRecorded(entry.file()).filter(Recorded::removal).isEmpty()) {
                audit.append(
                    new AuditEvent.CatalogRemoved(
                        entry.file(),
                        entry.serving().map(StoredCatalogHistory::version).orElse(null)));
              }
            });
  }

  @Override
  public void removedExcept(Set<String> files) {
    // Compared as recorded: an event's file name went through Redaction.
    Set<String> present = files.stream().map(Redaction::text).collect(Collectors.toSet());
    sealer.sealPending();
    if (QuarkusTransaction.requiringNew().call(() -> servedButAbsent(present)).isEmpty()) {
      return;
    }
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              head.lock();
              servedButAbsent(present).forEach(audit::append);
            });
  }

  /**
   * A {@code catalog.removed} for each file whose last catalog event is not one and that is not in
   * {@code present}, with the version of its last {@code catalog.loaded} after its last removal.
   * One query over the catalog events (a few per file, fewer once pruned), in chain order.
   */
  private List<AuditEvent.CatalogRemoved> servedButAbsent(Set<String> present) {
    List<?> bodies =
        session
            .createNativeQuery(
                "select body from audit_event where " + CATALOG_TYPES + " order by seq")
            .getResultList();
    Map<String, Optional<WorkflowVersion>> served = new LinkedHashMap<>();
    for (Object body : bodies) {
      Map<String, Object> event = JsonColumns.tree(String.valueOf(body));
      String file = String.valueOf(((Map<?, ?>) event.get("details")).get("file"));
      switch (String.valueOf(event.get("type"))) {
        case REMOVED -> served.remove(file);
        case LOADED -> {
          Map<?, ?> workflow = (Map<?, ?>) event.get("workflow");
          served.put(
              file,
              Optional.of(
                  new WorkflowVersion(
                      String.valueOf(workflow.get("name")),
                      String.valueOf(workflow.get("digest")))));
        }
        default -> served.putIfAbsent(file, Optional.empty());
      }
    }
    return served.entrySet().stream()
        .filter(e -> !present.contains(e.getKey()))
        .map(e -> new AuditEvent.CatalogRemoved(e.getKey(), e.getValue().orElse(null)))
        .toList();
  }

  private static WorkflowVersion version(Workflow workflow) {
    return new WorkflowVersion(workflow.name(), workflow.source().digest());
  }

  /** A file's last catalog event: its type and its body. */
  private record Recorded(String type, Map<String, Object> body) {

    boolean removal() {
      return type.equals(REMOVED);
    }

    boolean isLoadingOf(String digest) {
      return type.equals(LOADED)
          && body.get("workflow") instanceof Map<?, ?> workflow
          && digest.equals(workflow.get("digest"));
    }

    boolean isRejectionOf(String fileDigest) {
      return type.equals(REJECTED)
          && body.get("details") instanceof Map<?, ?> details
          && fileDigest.equals(details.get("fileDigest"));
    }
  }

  /**
   * The file's last {@code catalog.*} event; empty when none names it. Reads all of them (a file
   * has a few) rather than the first by {@code seq}: a limit could make the database walk the whole
   * chain backwards instead of using the type index.
   */
  private Optional<Recorded> lastRecorded(String file) {
    List<?> rows =
        session
            .createNativeQuery(
                "select type, body from audit_event where "
                    + CATALOG_TYPES
                    + " and body like :file escape '!' order by seq desc")
            .setParameter("file", containing("file", file))
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(row -> (Object[]) row)
        .map(
            columns ->
                new Recorded(
                    String.valueOf(columns[0]), JsonColumns.tree(String.valueOf(columns[1]))));
  }

  /**
   * A LIKE pattern for a body holding {@code "name":"value"} as canonical JSON writes it (after
   * {@link Redaction}), with LIKE's wildcards escaped by {@code !}.
   */
  private static String containing(String name, String value) {
    String field = "\"" + name + "\":" + CanonicalJson.write(Redaction.text(value));
    return "%" + field.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }
}
