package dev.remedy.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remedy.alert.AlertPruning.Batch;
import dev.remedy.alert.AlertPruning.Position;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The retention pass without a database: a scripted store answers each batch. */
class AlertRetentionTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Duration RETENTION = Duration.ofDays(30);
  private static final Instant CUTOFF = Instant.parse("2026-11-01T12:00:00Z");

  private final ScriptedPruning pruning = new ScriptedPruning();
  private final List<String> observed = new ArrayList<>();
  private final AlertRetention.Observer observer =
      new AlertRetention.Observer() {
        @Override
        public void alertStatesDeleted(int count) {
          observed.add("alert " + count);
        }

        @Override
        public void notificationsDeleted(int count) {
          observed.add("notification " + count);
        }
      };

  @Test
  void deletesAlertStatesBatchByBatchThenNotificationsAndGoesOnWhereEachBatchStopped() {
    Position p1 = new Position(Instant.parse("2026-10-30T00:00:00Z"), 17);
    Position p2 = new Position(Instant.parse("2026-10-20T00:00:00Z"), 9);
    Position n1 = new Position(Instant.parse("2026-10-25T00:00:00Z"), 4);
    pruning.alertBatches.add(new Batch(3, 3, Optional.of(p1)));
    pruning.alertBatches.add(new Batch(3, 1, Optional.of(p2)));
    pruning.alertBatches.add(new Batch(2, 2, Optional.empty()));
    pruning.notificationBatches.add(new Batch(3, 2, Optional.of(n1)));
    pruning.notificationBatches.add(new Batch(0, 0, Optional.empty()));

    AlertRetention.Pass pass = new AlertRetention(pruning, RETENTION, 3, observer).prune(NOW);

    assertThat(pass).isEqualTo(new AlertRetention.Pass(CUTOFF, 6, 2, 5));
    assertThat(pass.deletedAny()).isTrue();
    assertThat(pruning.calls)
        .containsExactly(
            "alert " + CUTOFF + " 3 from newest",
            "alert " + CUTOFF + " 3 from " + p1,
            "alert " + CUTOFF + " 3 from " + p2,
            "notification " + CUTOFF + " 3 from newest",
            "notification " + CUTOFF + " 3 from " + n1);
    assertThat(observed)
        .containsExactly("alert 3", "alert 1", "alert 2", "notification 2", "notification 0");
  }

  @Test
  void aPassOverNothingOldTakesOneLookPerTable() {
    pruning.alertBatches.add(new Batch(0, 0, Optional.empty()));
    pruning.notificationBatches.add(new Batch(0, 0, Optional.empty()));

    AlertRetention.Pass pass = new AlertRetention(pruning, RETENTION, 1000, observer).prune(NOW);

    assertThat(pass).isEqualTo(new AlertRetention.Pass(CUTOFF, 0, 0, 2));
    assertThat(pass.deletedAny()).isFalse();
  }

  @Test
  void retentionAndBatchSizeMustBePositive() {
    assertThatThrownBy(() -> new AlertRetention(pruning, Duration.ZERO, 10, observer))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertRetention(pruning, RETENTION, 0, observer))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBatchCannotDeleteMoreThanItExamined() {
    assertThatThrownBy(() -> new Batch(1, 2, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Answers each call with the next scripted batch and records what it was asked. */
  private static final class ScriptedPruning implements AlertPruning {

    final Deque<Batch> alertBatches = new ArrayDeque<>();
    final Deque<Batch> notificationBatches = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public Batch deleteAlertStates(Instant cutoff, int limit, Optional<Position> after) {
      calls.add(call("alert", cutoff, limit, after));
      return alertBatches.remove();
    }

    @Override
    public Batch deleteNotifications(Instant cutoff, int limit, Optional<Position> after) {
      calls.add(call("notification", cutoff, limit, after));
      return notificationBatches.remove();
    }

    private static String call(String table, Instant cutoff, int limit, Optional<Position> after) {
      return table
          + " "
          + cutoff
          + " "
          + limit
          + " from "
          + after.map(Position::toString).orElse("newest");
    }
  }
}
