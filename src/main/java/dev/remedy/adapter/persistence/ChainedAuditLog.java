package dev.remedy.adapter.persistence;

import dev.remedy.alert.StoreUnavailableException;
import dev.remedy.audit.AuditChain;
import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

/**
 * {@link AuditLog} in the database. An event is made ready (redacted, written canonically but for
 * its number) when it is appended, and kept with the transaction; just before that transaction
 * commits, its events are inserted into {@code audit_staged}, in the transaction itself, so they
 * share its fate. No lock is taken: {@link AuditSealer} numbers and hashes committed events into
 * the chain, woken after the commit. Holding the head lock through every appending commit made the
 * service's writes queue behind one another's WAL flushes (BENCHMARKS.md, Run engine).
 */
@ApplicationScoped
public class ChainedAuditLog implements AuditLog {

  private static final String STAGE =
      "insert into audit_staged (at, type, actor, run_id, workflow, before_seq, after_seq)"
          + " values (?, ?, ?, ?, ?, ?, ?)";

  private final TransactionSynchronizationRegistry transactions;
  private final EntityManager session;
  private final AgroalDataSource dataSource;
  private final AuditSealer sealer;
  private final Clock clock;

  public ChainedAuditLog(
      TransactionSynchronizationRegistry transactions,
      EntityManager session,
      AgroalDataSource dataSource,
      AuditSealer sealer,
      Clock clock) {
    this.transactions = transactions;
    this.session = session;
    this.dataSource = dataSource;
    this.sealer = sealer;
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
      pending = new PendingEvents(hibernate, dataSource, sealer);
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

  /** The events of one transaction, staged when it is about to commit. */
  private static final class PendingEvents implements Synchronization {

    final List<AuditChain.Prepared> events = new ArrayList<>();
    private final Session hibernate;
    private final AgroalDataSource dataSource;
    private final AuditSealer sealer;

    PendingEvents(Session hibernate, AgroalDataSource dataSource, AuditSealer sealer) {
      this.hibernate = hibernate;
      this.dataSource = dataSource;
      this.sealer = sealer;
    }

    /**
     * Flushes whatever the session still holds (nothing, normally: its own beforeCompletion came
     * first), then stages on the transaction's connection, taken from the pool and handed back
     * before the commit (a connection held past it is closed by the pool with a warning).
     */
    @Override
    public void beforeCompletion() {
      hibernate.flush();
      try (Connection connection = dataSource.getConnection();
          PreparedStatement insert = connection.prepareStatement(STAGE)) {
        for (AuditChain.Prepared event : events) {
          AuditChain.Staged staged = event.staged();
          insert.setObject(1, SqlValues.utc(staged.at()));
          insert.setString(2, staged.type());
          insert.setString(3, staged.actor());
          SqlValues.text(insert, 4, staged.runId().orElse(null));
          SqlValues.text(insert, 5, staged.workflow().orElse(null));
          insert.setString(6, staged.beforeSeq());
          insert.setString(7, staged.afterSeq());
          insert.addBatch();
        }
        insert.executeBatch();
      } catch (SQLException e) {
        throw new StoreUnavailableException(e);
      }
    }

    @Override
    public void afterCompletion(int status) {
      if (status == Status.STATUS_COMMITTED) {
        sealer.wake();
      }
    }
  }
}
