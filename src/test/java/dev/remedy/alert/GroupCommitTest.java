package dev.remedy.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remedy.alert.AlertIngest.IngestResult;
import dev.remedy.alert.IngestRejectedException.Reason;
import dev.remedy.run.RunCreator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The group-commit policy without threads or a database: the test is the committer, and an
 * in-memory store with all-or-nothing transactions stands for the database.
 */
class GroupCommitTest {

  private static final Instant STARTS = Instant.parse("2026-11-26T23:38:08.815460Z");

  private final InMemoryTransactions store = new InMemoryTransactions();
  private final RecordingObserver observer = new RecordingObserver();

  @Test
  void everyNotificationWaitingSharesOneTransaction() throws Exception {
    GroupCommit commit = groupCommit(100, 64, 1000);
    List<CompletionStage<IngestResult>> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      results.add(commit.submit(notification("group-" + i, "fp-" + i)));
    }

    assertThat(commit.commitNext(Duration.ZERO)).isEqualTo(5);

    assertThat(store.transactions).containsExactly(5);
    assertThat(observer.batches).containsExactly(5);
    assertThat(observer.waits).hasSize(5);
    for (CompletionStage<IngestResult> result : results) {
      assertThat(done(result).duplicateDelivery()).isFalse();
      assertThat(done(result).newAlertStates()).isEqualTo(1);
    }
    assertThat(commit.commitNext(Duration.ZERO)).isZero();
  }

  @Test
  void aLoneNotificationIsCommittedAtOnceWithoutWaitingForCompany() throws Exception {
    GroupCommit commit = groupCommit(100, 64, 1000);
    CompletionStage<IngestResult> result = commit.submit(notification("g", "a"));

    assertThat(commit.commitNext(Duration.ZERO)).isEqualTo(1);

    assertThat(done(result).newAlertStates()).isEqualTo(1);
    assertThat(store.transactions).containsExactly(1);
  }

  @Test
  void aBatchStopsAtTheNotificationOrAlertLimit() throws Exception {
    GroupCommit byCount = groupCommit(100, 3, 1000);
    IntStream.range(0, 7).forEach(i -> byCount.submit(notification("g" + i, "f" + i)));
    assertThat(byCount.commitNext(Duration.ZERO)).isEqualTo(3);
    assertThat(byCount.commitNext(Duration.ZERO)).isEqualTo(3);
    assertThat(byCount.commitNext(Duration.ZERO)).isEqualTo(1);

    GroupCommit byAlerts = groupCommit(100, 64, 4);
    byAlerts.submit(notification("big", "b1", "b2", "b3", "b4", "b5")); // over the limit: alone
    byAlerts.submit(notification("one", "o1", "o2"));
    byAlerts.submit(notification("two", "t1", "t2"));
    byAlerts.submit(notification("three", "h1"));
    assertThat(byAlerts.commitNext(Duration.ZERO)).isEqualTo(1);
    assertThat(byAlerts.commitNext(Duration.ZERO)).isEqualTo(2);
    assertThat(byAlerts.commitNext(Duration.ZERO)).isEqualTo(1);
  }

  @Test
  void aDuplicateDeliveryInsideOneBatchIsAnsweredAsIfStoredAfterTheFirst() throws Exception {
    GroupCommit commit = groupCommit(100, 64, 1000);
    Notification delivery = notification("g", "a", "b");
    Notification overlapping = notification("other-group", "b", "c");
    CompletionStage<IngestResult> first = commit.submit(delivery);
    CompletionStage<IngestResult> copy = commit.submit(delivery);
    CompletionStage<IngestResult> third = commit.submit(overlapping);

    commit.commitNext(Duration.ZERO);

    assertThat(store.transactions).containsExactly(3);
    assertThat(done(first)).isEqualTo(new IngestResult(1, 2, 2, false, RunCreator.Outcome.NONE));
    assertThat(done(copy)).isEqualTo(new IngestResult(1, 2, 0, true, RunCreator.Outcome.NONE));
    assertThat(done(third)).isEqualTo(new IngestResult(2, 2, 1, false, RunCreator.Outcome.NONE));
  }

  @Test
  void oneBadNotificationFailsAloneWhileItsNeighboursAreStored() throws Exception {
    GroupCommit commit = groupCommit(100, 64, 1000);
    store.poisonedGroups.add("bad");
    CompletionStage<IngestResult> before = commit.submit(notification("g1", "a"));
    CompletionStage<IngestResult> bad = commit.submit(notification("bad", "x"));
    CompletionStage<IngestResult> after = commit.submit(notification("g2", "b"));

    commit.commitNext(Duration.ZERO);

    // The batch transaction, then one per notification.
    assertThat(store.transactions).containsExactly(3, 1, 1, 1);
    assertThat(observer.fallbacks).containsExactly(3);
    assertThat(done(before)).isEqualTo(new IngestResult(1, 1, 1, false, RunCreator.Outcome.NONE));
    assertThat(done(after)).isEqualTo(new IngestResult(2, 1, 1, false, RunCreator.Outcome.NONE));
    assertThat(failure(bad)).isInstanceOf(IllegalStateException.class);
    assertThat(store.deliveries).hasSize(2);
  }

  @Test
  void aConflictingBatchFallsBackAndEachNotificationIsRetried() throws Exception {
    GroupCommit commit = groupCommit(100, 64, 1000);
    store.conflictsAhead = 2; // the batch, then the first notification's first attempt
    CompletionStage<IngestResult> one = commit.submit(notification("g1", "a"));
    CompletionStage<IngestResult> two = commit.submit(notification("g2", "b"));

    commit.commitNext(Duration.ZERO);

    assertThat(store.transactions).containsExactly(2, 1, 1, 1);
    assertThat(observer.retries).isEqualTo(1);
    assertThat(done(one).newAlertStates()).isEqualTo(1);
    assertThat(done(two).newAlertStates()).isEqualTo(1);
  }

  @Test
  void conflictsBeyondTheAttemptsFailOnlyThatNotification() throws Exception {
    GroupCommit commit = groupCommit(100, 64, 1000);
    store.conflictsAhead = GroupCommit.ATTEMPTS_ON_CONFLICT;
    CompletionStage<IngestResult> alone = commit.submit(notification("g", "a"));

    commit.commitNext(Duration.ZERO);

    assertThat(failure(alone)).isInstanceOf(ConcurrentIngestException.class);
    assertThat(store.transactions).hasSize(GroupCommit.ATTEMPTS_ON_CONFLICT);
  }

  @Test
  void anUnreachableStoreFailsTheWholeBatchWithoutStoringOneByOne() throws Exception {
    GroupCommit commit = groupCommit(100, 64, 1000);
    store.unreachable = true;
    CompletionStage<IngestResult> one = commit.submit(notification("g1", "a"));
    CompletionStage<IngestResult> two = commit.submit(notification("g2", "b"));

    commit.commitNext(Duration.ZERO);

    assertThat(store.transactions).containsExactly(2);
    assertThat(failure(one)).isInstanceOf(StoreUnavailableException.class);
    assertThat(failure(two)).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void aFullQueueRejectsWithoutQueueing() {
    GroupCommit commit = groupCommit(2, 64, 1000);
    commit.submit(notification("g1", "a"));
    commit.submit(notification("g2", "b"));

    assertThatThrownBy(() -> commit.submit(notification("g3", "c")))
        .isInstanceOfSatisfying(
            IngestRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BACKLOG_FULL));
    assertThat(commit.backlog()).isEqualTo(2);
  }

  @Test
  void closingRefusesNewNotificationsAndFailsThoseLeftWaiting() throws Exception {
    GroupCommit commit = groupCommit(100, 1, 1000);
    CompletionStage<IngestResult> stored = commit.submit(notification("g1", "a"));
    CompletionStage<IngestResult> left = commit.submit(notification("g2", "b"));
    commit.close();

    assertThatThrownBy(() -> commit.submit(notification("g3", "c")))
        .isInstanceOfSatisfying(
            IngestRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SHUTTING_DOWN));
    assertThat(commit.commitNext(Duration.ZERO)).isEqualTo(1); // the queue still drains
    assertThat(commit.failWaiting(new IngestRejectedException(Reason.SHUTTING_DOWN))).isEqualTo(1);
    assertThat(done(stored).newAlertStates()).isEqualTo(1);
    assertThat(failure(left)).isInstanceOf(IngestRejectedException.class);
  }

  private GroupCommit groupCommit(int capacity, int maxNotifications, int maxAlerts) {
    return new GroupCommit(
        store, new GroupCommit.Limits(capacity, maxNotifications, maxAlerts), observer);
  }

  private static IngestResult done(CompletionStage<IngestResult> stage) {
    CompletableFuture<IngestResult> future = stage.toCompletableFuture();
    assertThat(future).isCompleted();
    return future.join();
  }

  private static Throwable failure(CompletionStage<IngestResult> stage) {
    CompletableFuture<IngestResult> future = stage.toCompletableFuture();
    assertThat(future).isCompletedExceptionally();
    return future.handle((result, failure) -> failure).join();
  }

  private static Notification notification(String groupKey, String... fingerprints) {
    List<Alert> alerts = new ArrayList<>();
    for (String fingerprint : fingerprints) {
      alerts.add(
          new Alert(
              new Fingerprint(fingerprint),
              AlertStatus.FIRING,
              LabelSet.of(Map.of("alertname", "X")),
              LabelSet.EMPTY,
              STARTS,
              Optional.empty(),
              ""));
    }
    return new Notification(
        "remedy",
        AlertStatus.FIRING,
        groupKey,
        LabelSet.EMPTY,
        LabelSet.EMPTY,
        LabelSet.EMPTY,
        "",
        0,
        alerts);
  }

  /** The store's idempotency rules, with transactions that commit all or nothing. */
  private static final class InMemoryTransactions implements IngestTransactions {

    final Map<String, Long> deliveries = new HashMap<>();
    final Set<String> states = new HashSet<>();
    final Set<String> poisonedGroups = new HashSet<>();
    final List<Integer> transactions = new ArrayList<>();
    int conflictsAhead;
    boolean unreachable;

    @Override
    public IngestResult ingest(Notification notification) {
      return ingestAll(List.of(notification)).getFirst();
    }

    @Override
    public List<IngestResult> ingestAll(List<Notification> notifications) {
      transactions.add(notifications.size());
      if (unreachable) {
        throw new StoreUnavailableException(new RuntimeException("connection refused"));
      }
      if (conflictsAhead > 0) {
        conflictsAhead--;
        throw new ConcurrentIngestException(new RuntimeException("unique key"));
      }
      Map<String, Long> newDeliveries = new HashMap<>(deliveries);
      Set<String> newStates = new HashSet<>(states);
      List<IngestResult> results = new ArrayList<>();
      for (Notification notification : notifications) {
        if (poisonedGroups.contains(notification.groupKey())) {
          throw new IllegalStateException("value too long");
        }
        Long earlier = newDeliveries.get(notification.deliveryKey());
        if (earlier != null) {
          results.add(
              new IngestResult(
                  earlier, notification.alerts().size(), 0, true, RunCreator.Outcome.NONE));
          continue;
        }
        long id = newDeliveries.size() + 1L;
        newDeliveries.put(notification.deliveryKey(), id);
        int added = 0;
        for (Alert alert : notification.alerts()) {
          added += newStates.add(alert.stateKey().value()) ? 1 : 0;
        }
        results.add(
            new IngestResult(
                id, notification.alerts().size(), added, false, RunCreator.Outcome.NONE));
      }
      deliveries.putAll(newDeliveries);
      states.addAll(newStates);
      return results;
    }
  }

  private static final class RecordingObserver implements GroupCommit.Observer {

    final List<Integer> batches = new ArrayList<>();
    final List<Duration> waits = new ArrayList<>();
    final List<Integer> fallbacks = new ArrayList<>();
    int retries;

    @Override
    public void taken(int notifications, int alerts, List<Duration> waited) {
      batches.add(notifications);
      waits.addAll(waited);
    }

    @Override
    public void fellBack(int notifications, RuntimeException cause) {
      fallbacks.add(notifications);
    }

    @Override
    public void retrying(Notification notification, int attempt) {
      retries++;
    }
  }
}
