package dev.remedy.alert;

import dev.remedy.alert.AlertIngest.IngestResult;
import dev.remedy.alert.IngestRejectedException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for ingest: deliveries that arrive together share one database transaction, so the
 * price of a durable commit (a chunk written by H2, an fsync by PostgreSQL) is paid once per batch
 * rather than once per request.
 *
 * <p>Requests {@link #submit} their notification and wait for the returned stage. One committer
 * thread (the caller's; this class starts none) calls {@link #commitNext} in a loop: it takes the
 * first waiting notification plus every other one already waiting, up to {@link Limits}, stores
 * them with {@link IngestTransactions#ingestAll} and completes each stage only after that commit.
 * Nothing waits for a batch to fill, so an idle service commits each notification alone at once.
 *
 * <p>Each notification's result is the one it would have had alone (see {@link
 * IngestTransactions#ingestAll}). When the batch transaction fails for any reason, every
 * notification of the batch is stored again in a transaction of its own, re-run up to {@value
 * #ATTEMPTS_ON_CONFLICT} times on a conflict, so one bad notification never fails its neighbours.
 * Only an unreachable store fails the whole batch at once.
 *
 * <p>The queue is bounded: a full queue rejects the notification rather than holding it.
 */
public final class GroupCommit {

  /** Same keys stored by two transactions at once: run again, the loser then sees the winner. */
  static final int ATTEMPTS_ON_CONFLICT = 5;

  /**
   * How much waits and how much shares a transaction.
   *
   * @param queueCapacity notifications waiting for a commit before {@link #submit} rejects more
   * @param maxNotifications notifications in one transaction at most
   * @param maxAlerts alerts in one transaction at most (a larger notification is stored alone)
   */
  public record Limits(int queueCapacity, int maxNotifications, int maxAlerts) {
    public Limits {
      if (queueCapacity < 1 || maxNotifications < 1 || maxAlerts < 1) {
        throw new IllegalArgumentException("group commit limits must be positive: " + this);
      }
    }
  }

  /** What the committer does, for metrics and logs; called on the committer thread. */
  public interface Observer {

    /** A batch was taken off the queue; each notification in it had waited one of {@code waits}. */
    void taken(int notifications, int alerts, List<Duration> waits);

    /** The batch transaction failed; its notifications are now stored one by one. */
    void fellBack(int notifications, RuntimeException cause);

    /** A notification met a concurrent transaction on the same keys and is stored again. */
    void retrying(Notification notification, int attempt);
  }

  private record Pending(
      Notification notification, CompletableFuture<IngestResult> result, long queuedAt) {}

  private final IngestTransactions transactions;
  private final Limits limits;
  private final Observer observer;
  private final BlockingQueue<Pending> queue;
  private final ReentrantLock admission = new ReentrantLock();
  private boolean closed;

  public GroupCommit(IngestTransactions transactions, Limits limits, Observer observer) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.queue = new ArrayBlockingQueue<>(limits.queueCapacity());
  }

  /**
   * Queues a notification for the next batch.
   *
   * @return completes with the notification's result once its batch has committed, or exceptionally
   *     with what made storing it fail ({@link ConcurrentIngestException} after {@value
   *     #ATTEMPTS_ON_CONFLICT} conflicts, {@link StoreUnavailableException}, any store failure, or
   *     {@link IngestRejectedException} when the service shut down first)
   * @throws IngestRejectedException when the queue is full or the service is shutting down; nothing
   *     was queued
   */
  public CompletionStage<IngestResult> submit(Notification notification) {
    Pending pending = new Pending(notification, new CompletableFuture<>(), System.nanoTime());
    admission.lock();
    try {
      if (closed) {
        throw new IngestRejectedException(Reason.SHUTTING_DOWN);
      }
      if (!queue.offer(pending)) {
        throw new IngestRejectedException(Reason.BACKLOG_FULL);
      }
    } finally {
      admission.unlock();
    }
    return pending.result();
  }

  /**
   * Waits up to {@code wait} for a notification, then stores it together with every other one
   * already waiting (within the limits) and completes all their stages. Call from one thread only.
   *
   * @return how many notifications were taken; 0 when none arrived in time
   */
  public int commitNext(Duration wait) throws InterruptedException {
    Pending first = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    if (first == null) {
      return 0;
    }
    List<Pending> batch = takeBatch(first);
    commit(batch);
    return batch.size();
  }

  /** Takes no more notifications: {@link #submit} rejects from now on; the queue stays. */
  public void close() {
    admission.lock();
    try {
      closed = true;
    } finally {
      admission.unlock();
    }
  }

  /**
   * Fails every notification still waiting, without storing it (after {@link #close}, when the
   * committer has stopped).
   *
   * @return how many were failed
   */
  public int failWaiting(RuntimeException cause) {
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(pending -> pending.result().completeExceptionally(cause));
    return left.size();
  }

  /** Notifications waiting for a commit now. */
  public int backlog() {
    return queue.size();
  }

  /**
   * One committer: what {@code peek} shows is what {@code poll} takes, unless {@link #failWaiting}
   * took it meanwhile.
   */
  private List<Pending> takeBatch(Pending first) {
    List<Pending> batch = new ArrayList<>();
    batch.add(first);
    int alerts = first.notification().alerts().size();
    while (batch.size() < limits.maxNotifications()) {
      Pending next = queue.peek();
      if (next == null || alerts + next.notification().alerts().size() > limits.maxAlerts()) {
        break;
      }
      Pending taken = queue.poll();
      if (taken == null) {
        break;
      }
      batch.add(taken);
      alerts += taken.notification().alerts().size();
    }
    return batch;
  }

  private void commit(List<Pending> batch) {
    long now = System.nanoTime();
    List<Duration> waits = new ArrayList<>(batch.size());
    int alerts = 0;
    for (Pending pending : batch) {
      waits.add(Duration.ofNanos(now - pending.queuedAt()));
      alerts += pending.notification().alerts().size();
    }
    observer.taken(batch.size(), alerts, waits);
    if (batch.size() == 1) {
      storeAlone(batch, 0);
      return;
    }
    List<IngestResult> results;
    try {
      results = transactions.ingestAll(batch.stream().map(Pending::notification).toList());
    } catch (StoreUnavailableException unavailable) {
      failFrom(batch, 0, unavailable);
      return;
    } catch (RuntimeException failure) {
      observer.fellBack(batch.size(), failure);
      storeAlone(batch, 0);
      return;
    } catch (Error error) {
      failFrom(batch, 0, error);
      throw error;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(results.get(i));
    }
  }

  /** Stores {@code batch[from..]} one transaction each; an unreachable store fails the rest. */
  private void storeAlone(List<Pending> batch, int from) {
    for (int i = from; i < batch.size(); i++) {
      Pending pending = batch.get(i);
      try {
        pending.result().complete(ingestWithRetry(pending.notification()));
      } catch (StoreUnavailableException unavailable) {
        failFrom(batch, i, unavailable);
        return;
      } catch (RuntimeException failure) {
        pending.result().completeExceptionally(failure);
      } catch (Error error) {
        failFrom(batch, i, error);
        throw error;
      }
    }
  }

  private IngestResult ingestWithRetry(Notification notification) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.ingest(notification);
      } catch (ConcurrentIngestException conflict) {
        if (attempt == ATTEMPTS_ON_CONFLICT) {
          throw conflict;
        }
        observer.retrying(notification, attempt);
      }
    }
  }

  private static void failFrom(List<Pending> batch, int from, Throwable cause) {
    for (int i = from; i < batch.size(); i++) {
      batch.get(i).result().completeExceptionally(cause);
    }
  }
}
