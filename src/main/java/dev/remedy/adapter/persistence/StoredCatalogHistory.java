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
 * {@link CatalogHistory} in the database. A loaded version is recorded by the transaction that
 * inserts its {@code workflow_version} row (the primary key decides between replicas racing to
 * insert it: the loser's transaction rolls back with its event). Everything else is looked up in
 * the chain itself under the lock on the chain head, so that replicas seeing the same files record
 * it once: a rejected content by its file digest ({@code catalog.rejected}), and a file's last
 * catalog event ({@code catalog.removed} or not) by its file name. At start-up, the files the chain
 * still counts as served are found by one read of all catalog events (through the type index).
 */
@ApplicationScoped
public class StoredCatalogHistory implements CatalogHistory {

  private static final String REMOVED = "catalog.removed";

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
    if (!storedNow(workflow) && removedBefore(workflow)) {
      String file = workflow.source().file();
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                head.lock();
                Optional<String> last = lastRecorded(file);
                if (last.isEmpty() || last.get().equals(REMOVED)) {
                  audit.append(new AuditEvent.CatalogLoaded(file, version(workflow)));
                }
              });
    }
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

  /**
   * Whether a {@code catalog.removed} names the file or the version: the cheap look (removals are
   * rare) that spares the locked one on every start-up. Seals first: a removal this process has
   * just recorded may still be staged.
   */
  private boolean removedBefore(Workflow workflow) {
    sealer.sealPending();
    Number found =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    (Number)
                        session
                            .createNativeQuery(
                                "select count(*) from audit_event where type = '"
                                    + REMOVED
                                    + "' and (body like :file escape '!'"
                                    + " or body like :digest escape '!')")
                            .setParameter("file", containing("file", workflow.source().file()))
                            .setParameter(
                                "digest", containing("digest", workflow.source().digest()))
                            .getSingleResult());
    return found.longValue() > 0;
  }

  @Override
  public void rejected(CatalogEntry entry) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              head.lock();
              if (!recordedAsRejected(entry.fileDigest())
                  || lastRecorded(entry.file()).filter(REMOVED::equals).isPresent()) {
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
              if (lastRecorded(entry.file()).filter(REMOVED::equals).isEmpty()) {
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
                "select body from audit_event"
                    + " where type in ('catalog.loaded', 'catalog.rejected', '"
                    + REMOVED
                    + "') order by seq")
            .getResultList();
    Map<String, Optional<WorkflowVersion>> served = new LinkedHashMap<>();
    for (Object body : bodies) {
      Map<String, Object> event = JsonColumns.tree(String.valueOf(body));
      String file = String.valueOf(((Map<?, ?>) event.get("details")).get("file"));
      switch (String.valueOf(event.get("type"))) {
        case REMOVED -> served.remove(file);
        case "catalog.loaded" -> {
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

  /**
   * The type of the file's last {@code catalog.*} event; empty when none names it. Reads all of
   * them (a file has a few) rather than the first by {@code seq}: a limit could make the database
   * walk the whole chain backwards instead of using the type index.
   */
  private Optional<String> lastRecorded(String file) {
    List<?> types =
        session
            .createNativeQuery(
                "select type from audit_event"
                    + " where type in ('catalog.loaded', 'catalog.rejected', '"
                    + REMOVED
                    + "') and body like :file escape '!' order by seq desc")
            .setParameter("file", containing("file", file))
            .getResultList();
    return types.stream().findFirst().map(String::valueOf);
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
