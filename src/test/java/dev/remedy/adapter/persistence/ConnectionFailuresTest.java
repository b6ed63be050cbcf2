package dev.remedy.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.concurrent.TimeoutException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class ConnectionFailuresTest {

  @Test
  void refusedBrokenOrUnobtainableConnectionsAreConnectionFailures() {
    // PostgreSQL: connection refused (SQLState 08001), as Hibernate reports it.
    assertThat(
            ConnectionFailures.isConnectionFailure(
                new JDBCConnectionException("refused", new SQLException("refused", "08001"))))
        .isTrue();
    // H2: "Connection is broken" (90067) is a SQLNonTransientConnectionException.
    assertThat(
            ConnectionFailures.isConnectionFailure(
                new PersistenceException(
                    new SQLNonTransientConnectionException("Connection is broken", "90067"))))
        .isTrue();
    // Agroal: "Acquisition timeout while waiting for new connection", no SQLState.
    assertThat(
            ConnectionFailures.isConnectionFailure(
                new GenericJDBCException(
                    "Unable to acquire JDBC Connection",
                    new SQLException("Acquisition timeout", new TimeoutException()))))
        .isTrue();
  }

  @Test
  void aStatementTheDatabaseRefusesIsNoConnectionFailure() {
    assertThat(
            ConnectionFailures.isConnectionFailure(
                new GenericJDBCException(
                    "insert", new SQLException("value too long for type varchar(1024)", "22001"))))
        .isFalse();
    assertThat(
            ConnectionFailures.isConnectionFailure(
                new ConstraintViolationException(
                    "dup",
                    new SQLException("dup", "23505"),
                    "insert",
                    ConstraintViolationException.ConstraintKind.UNIQUE,
                    "uk_alert_state")))
        .isFalse();
    assertThat(ConnectionFailures.isConnectionFailure(new PersistenceException("no cause")))
        .isFalse();
  }
}
