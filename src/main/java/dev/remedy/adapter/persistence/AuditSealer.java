package dev.remedy.adapter.persistence;

import dev.remedy.alert.StoreUnavailableException;
import dev.remedy.audit.AuditChain;
import dev.remedy.audit.SealedEvent;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Moves committed events from {@code audit_staged} into the chain: under the head's row lock, in id
 * order, numbered and hashed, in batches, one sealer at a time across replicas (the lock).
 * Appending transactions only insert staged rows, so they no longer queue behind one another's
 * commits for the head (which made every write of the service wait for the previous one's WAL
 * flush).
 *
 * <p>It runs {@value #COALESCE_MS} ms after an appending commit (woken, on one thread: the commits
 * of that interval share one pass), every second (rows another replica or a crash left), before
 * every read of the trail (so readers see what was committed before they asked), and once more at
 * shutdown. A pass is a transaction of eight statements and a commit whatever it seals: passes
 * started as soon as the previous one ended sealed 17 events each, 80 times a second, in the engine
 * benchmark (BENCHMARKS.md, Run engine).
 *
 * <p>The passes woken by commits look only above the highest id this process has sealed. Every
 * sealed row is deleted, and until PostgreSQL vacuums the table, a scan from its first id walks all
 * their dead index entries: with 150,000 of them (a few minutes of a busy engine), the batch query
 * took 3.5 ms and was a third of the database's statement time in the engine benchmark. A row below
 * that mark can still arrive (its transaction took its id before a later one and committed after
 * it, or another replica staged it): the other passes scan from the first id, so it is sealed
 * within a second.
 */
@ApplicationScoped
public class AuditSealer {

  /** Set on a transaction that holds the head lock ({@link AuditHeadLock}): seal inside it. */
  static final Object HEAD_HELD = new Object();

  static final int BATCH = 1000;
  private static final String ANY_STAGED = "select min(id) from audit_staged where id > ?";
  private static final String LOCK_HEAD =
      "select seq, hash from audit_head where id = 1 for update";
  private static final String STAGED =
      "select id, at, type, actor, run_id, workflow, before_seq, after_seq from audit_staged"
          + " where id > ? order by id limit "
          + BATCH;
  private static final String INSERT =
      "insert into audit_event (seq, at, type, actor, run_id, workflow, body, prev_hash, hash)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String MOVE_HEAD = "update audit_head set seq = ?, hash = ? where id = 1";

  private final AgroalDataSource dataSource;
  private final TransactionSynchronizationRegistry transactions;

  /** How long a woken pass waits for more commits to seal with them. */
  static final long COALESCE_MS = 50;

  private final ScheduledThreadPoolExecutor worker = sealerThread();
  private final AtomicBoolean woken = new AtomicBoolean();

  /** The highest staged id a committed pass of this process sealed: where woken passes start. */
  private final AtomicLong sealedUpTo = new AtomicLong();

  /**
   * PostgreSQL only: the statement that makes the batch query walk the index. {@code audit_staged}
   * is a queue: rows come and go many times a second, so its statistics are always out of date, and
   * with a few hundred live rows in a heap of dead ones the planner took it for a small table and
   * read the whole heap and sorted it at every pass (868 to 2,413 pages a call, ~1 ms, up to 200
   * ms, a third of the database's statement time in the engine benchmark; auto_explain,
   * BENCHMARKS.md, Run engine). The index on the id finds the batch directly, however many dead
   * rows there are. Only for that query: a pass may run in a caller's transaction.
   */
  private static final String INDEX_ONLY = "set local enable_seqscan = off";

  private static final String PLANNER_AS_BEFORE = "set local enable_seqscan = on";

  private final boolean postgresql;

  /**
   * One daemon thread. A pass still waiting when the service stops is dropped (the data source may
   * be closed by the time it is due): the shutdown pass seals what it would have, or else another
   * replica's pass or the next start does.
   */
  private static ScheduledThreadPoolExecutor sealerThread() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "remedy-audit-sealer");
              thread.setDaemon(true);
              return thread;
            });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return executor;
  }

  public AuditSealer(
      AgroalDataSource dataSource,
      TransactionSynchronizationRegistry transactions,
      @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
    this.dataSource = dataSource;
    this.transactions = transactions;
    this.postgresql = dbKind.toLowerCase(java.util.Locale.ROOT).startsWith("postgres");
  }

  /** After a commit that staged events: one pass soon, on the sealer's thread. */
  void wake() {
    if (woken.compareAndSet(false, true)) {
      try {
        worker.schedule(this::wokenPass, COALESCE_MS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        woken.set(false); // shut down: the shutdown pass seals it, or the next start does
      }
    }
  }

  private void wokenPass() {
    woken.set(false);
    try {
      sealAbove(sealedUpTo.get());
    } catch (RuntimeException e) {
      Log.warnf("Audit events could not be sealed now (%s); the next pass tries again", e);
    }
  }

  @Scheduled(
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      identity = "remedy-audit-sealer",
      every = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      sealPending();
    } catch (RuntimeException e) {
      Log.debugf("Audit sealing pass failed (%s); the next one tries again", e);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    try {
      sealPending();
    } catch (RuntimeException e) {
      Log.warnf("Audit events left staged at shutdown (%s): the next start seals them", e);
    }
    worker.shutdown();
  }

  /**
   * Seals every committed staged event. In a transaction that holds the head lock already it seals
   * there; otherwise in transactions of its own, a batch each.
   */
  public int sealPending() {
    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE
        && transactions.getResource(HEAD_HELD) != null) {
      return sealAllOnTheTransaction();
    }
    return sealAbove(Long.MIN_VALUE);
  }

  /** Seals the committed staged events with an id above {@code from}, a batch per transaction. */
  private int sealAbove(long from) {
    int total = 0;
    while (anyStaged(from)) {
      Batch batch = QuarkusTransaction.requiringNew().call(() -> sealBatchOnTheTransaction(from));
      sealedUpTo.accumulateAndGet(batch.lastId(), Math::max);
      total += batch.sealed();
      if (batch.sealed() < BATCH) {
        break;
      }
    }
    return total;
  }

  private int sealAllOnTheTransaction() {
    int total = 0;
    int sealed;
    do {
      sealed = sealBatchOnTheTransaction(Long.MIN_VALUE).sealed();
      total += sealed;
    } while (sealed == BATCH);
    return total;
  }

  private boolean anyStaged(long from) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(ANY_STAGED)) {
      statement.setLong(1, from);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        row.getLong(1);
        return !row.wasNull();
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException(e);
    }
  }

  /** What one batch sealed: how many events, and the highest staged id among them (0: none). */
  private record Batch(int sealed, long lastId) {}

  private Batch sealBatchOnTheTransaction(long from) {
    try (Connection connection = dataSource.getConnection()) {
      long seq;
      String hash;
      try (PreparedStatement lock = connection.prepareStatement(LOCK_HEAD);
          ResultSet head = lock.executeQuery()) {
        if (!head.next()) {
          throw new IllegalStateException("the audit chain head row is missing");
        }
        seq = head.getLong(1);
        hash = head.getString(2);
      }
      List<Long> ids = new ArrayList<>();
      List<AuditChain.Staged> staged = new ArrayList<>();
      planner(connection, INDEX_ONLY);
      try (PreparedStatement select = connection.prepareStatement(STAGED)) {
        select.setLong(1, from);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getLong(1));
            staged.add(
                new AuditChain.Staged(
                    rows.getObject(2, OffsetDateTime.class).toInstant(),
                    rows.getString(3),
                    rows.getString(4),
                    Optional.ofNullable(rows.getString(5)),
                    Optional.ofNullable(rows.getString(6)),
                    rows.getString(7),
                    rows.getString(8)));
          }
        }
      }
      planner(connection, PLANNER_AS_BEFORE);
      if (staged.isEmpty()) {
        return new Batch(0, 0);
      }
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        for (AuditChain.Staged event : staged) {
          SealedEvent sealed = event.seal(++seq, hash);
          bind(insert, sealed);
          insert.addBatch();
          hash = sealed.hash();
        }
        insert.executeBatch();
      }
      delete(connection, ids);
      try (PreparedStatement move = connection.prepareStatement(MOVE_HEAD)) {
        move.setLong(1, seq);
        move.setString(2, hash);
        move.executeUpdate();
      }
      return new Batch(staged.size(), ids.getLast());
    } catch (SQLException e) {
      throw new StoreUnavailableException(e);
    }
  }

  /**
   * Deletes the sealed rows by their ids, a statement per {@link InLists#MAX_VALUES} rather than
   * one per row (not by range: a row committed inside the range after the batch was read is not
   * sealed yet).
   */
  private static void delete(Connection connection, List<Long> ids) throws SQLException {
    for (List<Long> chunk : InLists.chunks(ids)) {
      try (PreparedStatement delete =
          CustomPlans.prepare(
              connection,
              "delete from audit_staged where id in ("
                  + InLists.placeholders(chunk.size())
                  + ")")) {
        InLists.bind(delete, 1, chunk);
        delete.executeUpdate();
      }
    }
  }

  private void planner(Connection connection, String setting) throws SQLException {
    if (postgresql) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(setting);
      }
    }
  }

  private static void bind(PreparedStatement insert, SealedEvent event) throws SQLException {
    insert.setLong(1, event.seq());
    insert.setObject(2, SqlValues.utc(event.at()));
    insert.setString(3, event.type());
    insert.setString(4, event.actor());
    SqlValues.text(insert, 5, event.runId().orElse(null));
    SqlValues.text(insert, 6, event.workflow().orElse(null));
    insert.setString(7, event.body());
    insert.setString(8, event.prevHash());
    insert.setString(9, event.hash());
  }
}
