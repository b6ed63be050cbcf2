package dev.remedy.adapter.persistence;

import dev.remedy.alert.StoreUnavailableException;
import dev.remedy.audit.AuditChain;
import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
import dev.remedy.audit.SealedEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

/**
 * {@link AuditLog} in the database. An event is made ready (redacted, written canonically) when it
 * is appended, and kept with the transaction; just before that transaction commits, its events are
 * chained under a lock on the head row ({@code select ... for update}) and inserted, and the head
 * moves on, all in the transaction itself. The lock is held from there to the commit only, so
 * appending transactions queue for the length of a commit, not of their work; and because the
 * session is flushed first, a transaction holding the head never waits for another row lock (no
 * deadlock between an appender and a holder of a run row).
 */
@ApplicationScoped
public class ChainedAuditLog implements AuditLog {

  private static final String LOCK_HEAD =
      "select seq, hash from audit_head where id = 1 for update";
  private static final String INSERT =
      "insert into audit_event (seq, at, type, actor, run_id, workflow, body, prev_hash, hash)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String MOVE_HEAD = "update audit_head set seq = ?, hash = ? where id = 1";

  private final TransactionSynchronizationRegistry transactions;
  private final EntityManager session;
  private final AgroalDataSource dataSource;
  private final Clock clock;

  public ChainedAuditLog(
      TransactionSynchronizationRegistry transactions,
      EntityManager session,
      AgroalDataSource dataSource,
      Clock clock) {
    this.transactions = transactions;
    this.session = session;
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public void append(AuditEvent event) {
    if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
      throw new IllegalStateException(
          "audit events are appended in the transaction of the change they describe: "
              + event.type());
    }
    PendingEvents pending = (PendingEvents) transactions.getResource(PendingEvents.class);
    if (pending == null) {
      // The session and the pool enlist with the transaction now: at beforeCompletion they could
      // no longer register with it. The session's own beforeCompletion (registered first) then
      // flushes before ours runs, and the pool hands ours the transaction's connection.
      Session hibernate = session.unwrap(Session.class);
      hibernate.joinTransaction();
      enlistConnection();
      pending = new PendingEvents(hibernate, dataSource);
      transactions.putResource(PendingEvents.class, pending);
      transactions.registerInterposedSynchronization(pending);
    }
    pending.events.add(AuditChain.prepare(clock.instant(), event));
  }

  private void enlistConnection() {
    try (Connection enlisted = dataSource.getConnection()) {
      enlisted.getAutoCommit();
    } catch (SQLException e) {
      throw new StoreUnavailableException(e);
    }
  }

  /** The events of one transaction, chained when it is about to commit. */
  private static final class PendingEvents implements Synchronization {

    final List<AuditChain.Prepared> events = new ArrayList<>();
    private final Session hibernate;
    private final AgroalDataSource dataSource;

    PendingEvents(Session hibernate, AgroalDataSource dataSource) {
      this.hibernate = hibernate;
      this.dataSource = dataSource;
    }

    /**
     * Flushes whatever the session still holds (nothing, normally: its own beforeCompletion came
     * first), then chains on the transaction's connection, taken from the pool and handed back
     * before the commit (a connection held past it is closed by the pool with a warning).
     */
    @Override
    public void beforeCompletion() {
      hibernate.flush();
      try (Connection connection = dataSource.getConnection()) {
        chain(connection);
      } catch (SQLException e) {
        throw new StoreUnavailableException(e);
      }
    }

    @Override
    public void afterCompletion(int status) {
      // nothing: the events were written in the transaction and share its fate
    }

    private void chain(Connection connection) throws SQLException {
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
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        for (AuditChain.Prepared event : events) {
          SealedEvent sealed = event.seal(++seq, hash);
          bind(insert, sealed);
          insert.addBatch();
          hash = sealed.hash();
        }
        insert.executeBatch();
      }
      try (PreparedStatement move = connection.prepareStatement(MOVE_HEAD)) {
        move.setLong(1, seq);
        move.setString(2, hash);
        move.executeUpdate();
      }
    }
  }

  private static void bind(PreparedStatement insert, SealedEvent event) throws SQLException {
    insert.setLong(1, event.seq());
    insert.setObject(2, OffsetDateTime.ofInstant(event.at(), ZoneOffset.UTC));
    insert.setString(3, event.type());
    insert.setString(4, event.actor());
    nullable(insert, 5, event.runId().orElse(null));
    nullable(insert, 6, event.workflow().orElse(null));
    insert.setString(7, event.body());
    insert.setString(8, event.prevHash());
    insert.setString(9, event.hash());
  }

  private static void nullable(PreparedStatement insert, int index, String value)
      throws SQLException {
    if (value == null) {
      insert.setNull(index, Types.VARCHAR);
    } else {
      insert.setString(index, value);
    }
  }
}
