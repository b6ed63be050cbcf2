package dev.remedy.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;

/**
 * The connection properties in application.properties reach the driver of whichever database this
 * build targets: H2 commits before the 202 (no write delay), PostgreSQL rewrites batched inserts.
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
      } else {
        assertThat(product).isEqualTo("PostgreSQL");
        BaseConnection pg = connection.unwrap(BaseConnection.class);
        assertThat(pg.getQueryExecutor().isReWriteBatchedInsertsEnabled()).isTrue();
      }
    }
  }
}
