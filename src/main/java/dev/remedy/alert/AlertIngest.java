package dev.remedy.alert;

import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
import dev.remedy.guard.AutomationSwitch;
import dev.remedy.guard.AutomationSwitches;
import dev.remedy.run.RunCreator;
import dev.remedy.run.RunsCreated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes in Alertmanager deliveries: everything a delivery causes (its alert states, the runs it
 * starts, the duplicates and suppressions it records, what a resolved alert does to active runs) is
 * written in the same transaction, so a delivery is either fully accepted or not at all (and then
 * Alertmanager retries it). A delivery that was taken in before causes nothing new. Several
 * deliveries can share one transaction ({@link #ingestAll}, used by {@link GroupCommit}).
 */
@ApplicationScoped
public class AlertIngest implements IngestTransactions {

  private final AlertStore store;
  private final RunCreator runs;
  private final AutomationSwitches automation;
  private final Event<RunsCreated> due;
  private final Clock clock;
  private final AuditLog audit;

  public AlertIngest(
      AlertStore store,
      RunCreator runs,
      AutomationSwitches automation,
      Event<RunsCreated> due,
      Clock clock,
      AuditLog audit) {
    this.store = store;
    this.runs = runs;
    this.automation = automation;
    this.due = due;
    this.clock = clock;
    this.audit = audit;
  }

  @Override
  @Transactional
  public IngestResult ingest(Notification notification) {
    return stored(notification);
  }

  @Override
  @Transactional
  public List<IngestResult> ingestAll(List<Notification> notifications) {
    Instant now = clock.instant();
    List<AlertStore.StoreResult> stored = store.storeAll(notifications, now);
    AutomationSwitch position = automation.current();
    List<IngestResult> results = new ArrayList<>(notifications.size());
    List<String> dueRuns = new ArrayList<>();
    for (int i = 0; i < notifications.size(); i++) {
      results.add(result(notifications.get(i), stored.get(i), position, now, dueRuns));
    }
    announce(dueRuns);
    return results;
  }

  private IngestResult stored(Notification notification) {
    Instant now = clock.instant();
    List<String> dueRuns = new ArrayList<>();
    IngestResult result =
        result(notification, store.store(notification, now), automation.current(), now, dueRuns);
    announce(dueRuns);
    return result;
  }

  private IngestResult result(
      Notification notification,
      AlertStore.StoreResult stored,
      AutomationSwitch position,
      Instant now,
      List<String> dueRuns) {
    if (!stored.duplicateDelivery()) {
      audited(notification, stored);
    }
    RunCreator.Outcome outcome =
        stored.duplicateDelivery()
            ? RunCreator.Outcome.NONE
            : runs.apply(notification, position, now);
    dueRuns.addAll(outcome.due());
    return new IngestResult(
        stored.notificationId(),
        notification.alerts().size(),
        stored.newAlertStates(),
        stored.duplicateDelivery(),
        outcome);
  }

  /** A delivery taken in for the first time, and the alert states it stored (one event). */
  private void audited(Notification notification, AlertStore.StoreResult stored) {
    audit.append(
        new AuditEvent.NotificationReceived(
            stored.notificationId(),
            notification.receiver(),
            notification.groupKey(),
            notification.status().wireName(),
            notification.alerts().size(),
            notification.truncatedAlerts()));
    if (!stored.newStates().isEmpty()) {
      audit.append(
          new AuditEvent.AlertStored(
              stored.notificationId(),
              notification.receiver(),
              stored.newStates().stream()
                  .map(
                      alert ->
                          new AuditEvent.AlertStored.StoredState(
                              alert.fingerprint().value(),
                              alert.status().wireName(),
                              alert.labels().asMap().getOrDefault("alertname", ""),
                              alert.startsAt()))
                  .toList()));
    }
  }

  /** The engine claims these after the commit (observed {@code AFTER_SUCCESS}). */
  private void announce(List<String> dueRuns) {
    if (!dueRuns.isEmpty()) {
      due.fire(new RunsCreated(dueRuns));
    }
  }

  /**
   * The outcome of one delivery.
   *
   * @param alerts alerts in the delivery
   * @param newAlertStates alert states not seen before (the rest were re-sends)
   * @param duplicateDelivery the very same delivery had been taken in before
   * @param runs the runs it created, and the duplicates and suppressions it recorded
   */
  public record IngestResult(
      long notificationId,
      int alerts,
      int newAlertStates,
      boolean duplicateDelivery,
      RunCreator.Outcome runs) {}
}
