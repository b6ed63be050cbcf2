package dev.remedy.adapter.persistence;

import dev.remedy.adapter.persistence.IngestRows.NewDelivery;
import dev.remedy.adapter.persistence.IngestRows.NewState;
import dev.remedy.alert.Alert;
import dev.remedy.alert.AlertStore.StoreResult;
import dev.remedy.alert.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stores a batch of notifications in the caller's transaction with the rules of {@link
 * dev.remedy.alert.AlertStore#store}, applied one notification after the other in list order, but
 * with a number of statements that does not grow with the batch: one query for the deliveries
 * already stored, one for the alert states already stored, then the inserts (JDBC batches, {@link
 * IngestRows}) and the updates. What an earlier notification of the batch stored is tracked here,
 * so a later copy of it counts as a duplicate exactly as it would have in a transaction of its own.
 *
 * <p>Lock order, the same in every transaction: known delivery rows first, then new delivery rows
 * in key order, then new alert states in key order, then known states in key order. Concurrent
 * copies of one delivery queue on its single row (its unique key); the second then fails as a
 * {@link ConcurrencyConflicts conflict}, and run again it sees the first one's rows. A batch can
 * still deadlock with another replica's batch; that is a {@link ConcurrencyConflicts conflict}, and
 * the caller then stores the notifications one by one.
 */
final class BatchedStore {

  /** What one notification of the batch turned out to be. */
  private sealed interface Outcome {}

  /** Its delivery was stored before this batch. */
  private record StoredBefore(long id) implements Outcome {}

  /** A new delivery, or a later copy of one stored earlier in this batch. */
  private record InBatch(NewDelivery delivery, List<Alert> newStates, boolean duplicate)
      implements Outcome {}

  private final IngestRows rows;
  private final Instant receivedAt;

  BatchedStore(IngestRows rows, Instant receivedAt) {
    this.rows = rows;
    this.receivedAt = receivedAt;
  }

  List<StoreResult> store(List<Notification> batch) {
    List<String> deliveryKeys = batch.stream().map(Notification::deliveryKey).toList();
    List<SortedMap<String, Alert>> states = batch.stream().map(BatchedStore::byState).toList();
    Map<String, Long> storedDeliveries = rows.storedDeliveries(new TreeSet<>(deliveryKeys));
    Set<String> allStates = new TreeSet<>();
    states.forEach(byState -> allStates.addAll(byState.keySet()));
    Set<String> storedStates = rows.storedStates(allStates);

    SortedMap<Long, Integer> redeliveries = new TreeMap<>();
    SortedMap<String, NewDelivery> newDeliveries = new TreeMap<>();
    SortedMap<String, NewState> newStates = new TreeMap<>();
    Set<String> touched = new TreeSet<>();
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      String key = deliveryKeys.get(i);
      Set<String> keys = states.get(i).keySet();
      Long before = storedDeliveries.get(key);
      NewDelivery earlier = newDeliveries.get(key);
      if (before != null) {
        redeliveries.merge(before, 1, Integer::sum);
        keys.stream().filter(storedStates::contains).forEach(touched::add);
        outcomes.add(new StoredBefore(before));
      } else if (earlier != null) {
        // Its alert states were all stored by the earlier copy, at this same receivedAt.
        earlier.deliveries++;
        outcomes.add(new InBatch(earlier, List.of(), true));
      } else {
        NewDelivery delivery = new NewDelivery(rows.nextNotificationId(), key, batch.get(i));
        newDeliveries.put(key, delivery);
        List<Alert> added = new ArrayList<>();
        for (Map.Entry<String, Alert> state : states.get(i).entrySet()) {
          if (storedStates.contains(state.getKey())) {
            touched.add(state.getKey());
          } else if (!newStates.containsKey(state.getKey())) {
            newStates.put(
                state.getKey(),
                new NewState(rows.nextAlertId(), state.getKey(), state.getValue(), delivery));
            added.add(state.getValue());
          }
        }
        outcomes.add(new InBatch(delivery, added, false));
      }
    }

    rows.countRedeliveries(redeliveries, receivedAt);
    rows.insert(newDeliveries.values(), newStates.values(), receivedAt);
    rows.touch(touched, receivedAt);

    List<StoreResult> results = new ArrayList<>(outcomes.size());
    for (Outcome outcome : outcomes) {
      results.add(
          switch (outcome) {
            case StoredBefore before -> new StoreResult(before.id(), true, List.of());
            case InBatch inBatch ->
                new StoreResult(inBatch.delivery().id, inBatch.duplicate(), inBatch.newStates());
          });
    }
    return results;
  }

  private static SortedMap<String, Alert> byState(Notification notification) {
    SortedMap<String, Alert> byState = new TreeMap<>();
    notification.alerts().forEach(alert -> byState.putIfAbsent(alert.stateKey().value(), alert));
    return byState;
  }
}
