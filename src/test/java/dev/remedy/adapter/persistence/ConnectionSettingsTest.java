package dev.remedy.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;

/**
 * The connection properties in application.properties reach the driver of whichever database this
 * build targets: H2 commits before the 202 (no write delay), splits pages at 4 KiB and compacts for
 * up to 5 s when it closes, PostgreSQL rewrites batched inserts and keeps its own default for
 * cached plans ({@link StatementPlansTest} checks which statements use them) and replaces a
 * connection after 30 minutes. Every connection has the statement timeout of {@code
 * remedy.datasource.query-timeout-ms} (10 s by default).
 */
@QuarkusTest
class ConnectionSettingsTest {

  @Inject AgroalDataSource dataSource;

  @Test
  void theDriverOfThisBuildGetsItsDurabilityAndBatchingSettings() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName();
      if (product.equals("H2")) {
        try (ResultSet rs =
            connection
                .createStatement()
                .executeQuery(
                    "select setting_value from information_schema.settings"
                        + " where setting_name = 'WRITE_DELAY'")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("0");
        }
        // The maximum is what a session gets however Hibernate sets its statements' timeouts.
        assertThat(setting(connection, "MAX_QUERY_TIMEOUT")).isEqualTo("10000");
        assertThat(setting(connection, "QUERY_TIMEOUT")).isEqualTo("10000");
        // Read when the database is opened (shown for file databases only, as info.PAGE_SIZE).
        assertThat(
                dataSource
                    .getConfiguration()
                    .connectionPoolConfiguration()
                    .connectionFactoryConfiguration()
                    .jdbcProperties()
                    .getProperty("PAGE_SIZE"))
            .isEqualTo("4096");
        // Compaction when the database closes (docs/design/004).
        assertThat(setting(connection, "MAX_COMPACT_TIME")).isEqualTo("5000");
        // No connection is retired for its age: the embedded database closes with the last one.
        assertThat(dataSource.getConfiguration().connectionPoolConfiguration().maxLifetime())
            .isZero();
      } else {
        assertThat(product).isEqualTo("PostgreSQL");
        BaseConnection pg = connection.unwrap(BaseConnection.class);
        assertThat(pg.getQueryExecutor().isReWriteBatchedInsertsEnabled()).isTrue();
        try (ResultSet rs = connection.createStatement().executeQuery("show plan_cache_mode")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("auto");
        }
        // Connections are replaced after 30 minutes, and their cached plans with them.
        assertThat(dataSource.getConfiguration().connectionPoolConfiguration().maxLifetime())
            .isEqualTo(Duration.ofMinutes(30));
        try (ResultSet rs = connection.createStatement().executeQuery("show statement_timeout")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("10s");
        }
      }
    }
  }

  private static String setting(Connection connection, String name) throws SQLException {
    try (ResultSet rs =
        connection
            .createStatement()
            .executeQuery(
                "select setting_value from information_schema.settings where setting_name = '"
                    + name
                    + "'")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}
