package dev.remedy.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A database of its own for the packaged service under test, of the kind the artifact was built for
 * (failsafe passes {@code quarkus.datasource.db-kind}): an H2 file in a temporary directory, or a
 * fresh database on the PostgreSQL of the test suite ({@code 127.0.0.1:$REMEDY_TEST_PG_PORT}, user
 * {@code postgres}), dropped afterwards. The test reads it directly only while no service runs, or
 * for rows the service no longer changes.
 */
final class ItDatabase implements AutoCloseable {

  private final String kind;
  private final String url;
  private final String user;
  private final String adminUrl;
  private final String name;

  private ItDatabase(String kind, String url, String user, String adminUrl, String name) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.adminUrl = adminUrl;
    this.name = name;
  }

  /** The database kind the packaged artifact was built for. */
  static String builtKind() {
    return System.getProperty("quarkus.datasource.db-kind", "h2").toLowerCase(Locale.ROOT);
  }

  /** A new empty database; on PostgreSQL the test is skipped when the server is not reachable. */
  static ItDatabase fresh(Path dir) throws SQLException {
    if (builtKind().equals("postgresql")) {
      return freshPostgresql();
    }
    return new ItDatabase(
        "h2", "jdbc:h2:file:" + dir.resolve("remedy").toAbsolutePath(), "remedy", null, null);
  }

  static ItDatabase freshPostgresql() throws SQLException {
    String port = System.getenv().getOrDefault("REMEDY_TEST_PG_PORT", "5432");
    String server = "jdbc:postgresql://127.0.0.1:" + port + "/";
    String admin = server + "postgres";
    DriverManager.setLoginTimeout(5);
    try (Connection c = DriverManager.getConnection(admin, "postgres", "")) {
      String name = "remedy_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try (Statement s = c.createStatement()) {
        s.execute("create database " + name);
      }
      return new ItDatabase("postgresql", server + name, "postgres", admin, name);
    } catch (SQLException e) {
      Assumptions.abort("PostgreSQL at " + admin + " (user postgres) is not reachable: " + e);
      throw e;
    }
  }

  String kind() {
    return kind;
  }

  /** The service's datasource settings for this database. */
  Map<String, String> serviceConfig() {
    return Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", user);
  }

  /** The rows of a query, each as a list of its columns. */
  List<List<Object>> rows(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(r.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  long count(String fromWhere) throws SQLException {
    return ((Number) rows("select count(*) from " + fromWhere).getFirst().getFirst()).longValue();
  }

  @Override
  public void close() throws SQLException {
    if (adminUrl != null) {
      try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("drop database if exists " + name + " with (force)");
      }
    }
  }
}
