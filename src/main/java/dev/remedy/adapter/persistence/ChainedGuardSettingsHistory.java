package dev.remedy.adapter.persistence;

import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
import dev.remedy.guard.GuardSettingsHistory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;

/**
 * {@link GuardSettingsHistory} read from the chain itself: the last {@code guards.configured}
 * event's details, compared under the lock on the chain head ({@link AuditHeadLock}) so that no
 * other replica appends between the look and the commit.
 */
@ApplicationScoped
public class ChainedGuardSettingsHistory implements GuardSettingsHistory {

  private final AuditHeadLock head;
  private final EntityManager session;
  private final AuditLog audit;

  public ChainedGuardSettingsHistory(AuditHeadLock head, EntityManager session, AuditLog audit) {
    this.head = head;
    this.session = session;
    this.audit = audit;
  }

  @Override
  public boolean recordIfChanged(Map<String, String> settings) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              head.lock();
              if (settings.equals(last())) {
                return false;
              }
              audit.append(new AuditEvent.GuardsConfigured(settings));
              return true;
            });
  }

  /** The details of the last {@code guards.configured} event; empty when there is none. */
  private Map<String, Object> last() {
    List<?> bodies =
        session
            .createNativeQuery(
                "select body from audit_event where type = 'guards.configured'"
                    + " order by seq desc")
            .setMaxResults(1)
            .getResultList();
    if (bodies.isEmpty()) {
      return Map.of();
    }
    return JsonColumns.tree(String.valueOf(bodies.get(0))).get("details")
            instanceof Map<?, ?> details
        ? uncheckedCast(details)
        : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> uncheckedCast(Map<?, ?> details) {
    return (Map<String, Object>) details;
  }
}
