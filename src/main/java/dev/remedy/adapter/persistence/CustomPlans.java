package dev.remedy.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.postgresql.PGStatement;

/**
 * Statements planned anew at each execution, with the values bound, on PostgreSQL.
 *
 * <p>PostgreSQL plans a statement the driver has prepared on the server with its first few values,
 * then switches to one generic plan if that looks no dearer, and keeps it for the connection's life
 * until the table's statistics change. A generic plan of a lookup by key is an index scan whatever
 * the table's size (checked on empty tables), so the engine's and the ingest's statements by key
 * keep theirs: re-planning them at each execution was a third of the database's statement time in
 * the engine benchmark (BENCHMARKS.md, Run engine). A statement with an {@code in (...)} list or a
 * range is different: made while a table is small, its generic plan scans the whole table, and
 * without ANALYZE (autovacuum off) nothing ever makes it again; one such plan of the ingest's
 * lookups once held it to 265 alerts/s. Those statements are prepared here: the driver then never
 * prepares them on the server, so each execution is planned for its own values. H2 plans each
 * statement when it is prepared, so nothing changes there.
 */
final class CustomPlans {

  private CustomPlans() {}

  /** {@code sql}, prepared to be planned at each execution with its values. */
  static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    if (statement.isWrapperFor(PGStatement.class)) {
      statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
    return statement;
  }
}
