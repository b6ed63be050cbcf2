package dev.remedy.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class ConcurrencyConflictsTest {

  @Test
  void uniqueViolationDeadlockAndSerializationFailureAreConflicts() {
    assertThat(
            ConcurrencyConflicts.isConflict(
                new ConstraintViolationException(
                    "dup",
                    new SQLException("dup", "23505"),
                    "insert",
                    ConstraintViolationException.ConstraintKind.UNIQUE,
                    "uk_alert_state")))
        .isTrue();
    assertThat(ConcurrencyConflicts.isConflict(wrapped(new SQLException("deadlock", "40P01"))))
        .isTrue();
    assertThat(ConcurrencyConflicts.isConflict(wrapped(new SQLException("serialize", "40001"))))
        .isTrue();
    assertThat(ConcurrencyConflicts.isConflict(wrapped(new SQLException("lock", "HYT00"))))
        .isTrue();
  }

  @Test
  void anUnavailableDatabaseIsNotAConflict() {
    // Agroal's "Acquisition timeout while waiting for new connection" carries no SQLState.
    assertThat(
            ConcurrencyConflicts.isConflict(
                new JDBCConnectionException(
                    "timeout", new SQLException("Acquisition timeout while waiting"))))
        .isFalse();
    assertThat(ConcurrencyConflicts.isConflict(wrapped(new SQLException("refused", "08001"))))
        .isFalse();
    assertThat(ConcurrencyConflicts.isConflict(new PersistenceException("no cause"))).isFalse();
  }

  private static PersistenceException wrapped(SQLException cause) {
    return new PersistenceException(cause.getMessage(), cause);
  }
}
