package dev.remedy.adapter.persistence;

import dev.remedy.alert.StoreUnavailableException;
import dev.remedy.audit.AuditPage;
import dev.remedy.audit.AuditQuery;
import dev.remedy.audit.AuditTrail;
import dev.remedy.audit.ChainHead;
import dev.remedy.audit.Checkpoint;
import dev.remedy.audit.SealedEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@link AuditTrail} in plain JDBC, outside any transaction: reads only, keyset-paged by {@code
 * seq} so that verifying or exporting a chain of any length holds one page in memory.
 */
@ApplicationScoped
public class JdbcAuditTrail implements AuditTrail {

  static final int PAGE = 1000;
  private static final String COLUMNS =
      "seq, at, type, actor, run_id, workflow, body, prev_hash, hash";

  private final AgroalDataSource dataSource;
  private final AuditSealer sealer;

  public JdbcAuditTrail(AgroalDataSource dataSource, AuditSealer sealer) {
    this.dataSource = dataSource;
    this.sealer = sealer;
  }

  @Override
  public AuditPage find(AuditQuery query) {
    sealer.sealPending();
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_event where 1 = 1");
    List<Object> parameters = new ArrayList<>();
    query.runId().ifPresent(run -> filter(sql, parameters, " and run_id = ?", run));
    query.type().ifPresent(type -> filter(sql, parameters, " and type = ?", type));
    query.actor().ifPresent(actor -> filter(sql, parameters, " and actor = ?", actor));
    query.since().ifPresent(since -> filter(sql, parameters, " and at >= ?", SqlValues.utc(since)));
    query.until().ifPresent(until -> filter(sql, parameters, " and at < ?", SqlValues.utc(until)));
    query.beforeSeq().ifPresent(seq -> filter(sql, parameters, " and seq < ?", seq));
    sql.append(" order by seq desc limit ").append(query.limit() + 1);
    List<SealedEvent> rows =
        read(
            sql.toString(),
            statement -> {
              for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
              }
            });
    boolean more = rows.size() > query.limit();
    List<SealedEvent> page = more ? rows.subList(0, query.limit()) : rows;
    return new AuditPage(
        page, more ? Optional.of(page.get(page.size() - 1).seq()) : Optional.empty());
  }

  @Override
  public void stream(long afterSeq, long throughSeq, Predicate<SealedEvent> reader) {
    long from = afterSeq;
    while (from < throughSeq) {
      long after = from;
      List<SealedEvent> page =
          read(
              "select "
                  + COLUMNS
                  + " from audit_event where seq > ? and seq <= ? order by seq limit "
                  + PAGE,
              statement -> {
                statement.setLong(1, after);
                statement.setLong(2, throughSeq);
              });
      for (SealedEvent event : page) {
        if (!reader.test(event)) {
          return;
        }
      }
      if (page.size() < PAGE) {
        return;
      }
      from = page.get(page.size() - 1).seq();
    }
  }

  @Override
  public ChainHead head() {
    sealer.sealPending();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select h.seq, h.hash, (select coalesce(max(e.seq), 0) from audit_event e)"
                    + " from audit_head h where h.id = 1");
        ResultSet row = statement.executeQuery()) {
      if (!row.next()) {
        throw new IllegalStateException("the audit chain head row is missing");
      }
      return new ChainHead(row.getLong(1), row.getString(2), row.getLong(3));
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  @Override
  public long lastSeqBefore(java.time.Instant at) {
    sealer.sealPending();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select coalesce(min(seq), (select coalesce(max(seq), 0) + 1 from audit_event)) - 1"
                    + " from audit_event where at >= ?")) {
      statement.setObject(1, SqlValues.utc(at));
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  @Override
  public Optional<Checkpoint> checkpoint() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select seq, hash, at, archive, signature from audit_checkpoint"
                    + " order by seq desc limit 1");
        ResultSet row = statement.executeQuery()) {
      if (!row.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new Checkpoint(
              row.getLong(1),
              row.getString(2),
              row.getObject(3, OffsetDateTime.class).toInstant(),
              row.getString(4),
              row.getString(5)));
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private List<SealedEvent> read(String sql, Binder binder) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        List<SealedEvent> events = new ArrayList<>();
        while (rows.next()) {
          events.add(event(rows));
        }
        return events;
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  static SealedEvent event(ResultSet row) throws SQLException {
    return new SealedEvent(
        row.getLong("seq"),
        row.getObject("at", OffsetDateTime.class).toInstant(),
        row.getString("type"),
        row.getString("actor"),
        Optional.ofNullable(row.getString("run_id")),
        Optional.ofNullable(row.getString("workflow")),
        row.getString("body"),
        row.getString("prev_hash"),
        row.getString("hash"));
  }

  private static void filter(StringBuilder sql, List<Object> parameters, String clause, Object v) {
    sql.append(clause);
    parameters.add(v);
  }

  private static RuntimeException unavailable(SQLException e) {
    return new StoreUnavailableException(e);
  }
}
