package dev.remedy.adapter.persistence;

import static dev.remedy.adapter.persistence.SqlValues.bool;
import static dev.remedy.adapter.persistence.SqlValues.instant;
import static dev.remedy.adapter.persistence.SqlValues.text;
import static dev.remedy.adapter.persistence.SqlValues.time;

import dev.remedy.run.Lease;
import dev.remedy.run.RunHistory;
import dev.remedy.run.RunStatus;
import dev.remedy.run.StepExecution;
import dev.remedy.run.StepFailure;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;

/**
 * The engine's statements on {@code run} and {@code step_execution}, in plain JDBC on the session's
 * own connection, in the caller's transaction: claiming and loading due runs, storing a run's next
 * state, its attempts and checkpoints, giving up a lease.
 *
 * <p>Written by hand rather than through Hibernate: each of a run's steps makes a few of these
 * statements, and Hibernate's part in them (a native query interpreted anew at each execution, a
 * bulk-update clean-up that visits every entity type, the connection looked up again for each
 * statement, a managed entity and a flush for each insert) cost more service time than the
 * statements themselves (BENCHMARKS.md, Run engine). Step ids come from the entity's own Hibernate
 * generator, so rows written here and by Hibernate never share one; the entities still map the same
 * columns for every other read.
 */
final class EngineRows {

  /** Active statuses as an SQL literal (the same for every claim). */
  static final String ACTIVE =
      "('"
          + String.join(
              "', '",
              RunStatus.QUEUED.wireName(),
              RunStatus.RUNNING.wireName(),
              RunStatus.WAITING.wireName())
          + "')";

  private static final String RUN_COLUMNS =
      "id, workflow, workflow_digest, dedup_key, active_key, status, phase, step_index, attempt,"
          + " wake_at, lease_owner, lease_until, alert_fingerprint, alert_labels,"
          + " alert_annotations, alert_starts_at, alert_generator_url, params, outputs,"
          + " failure_reason, failure_retryable, failure_message, dry_run, parked_by,"
          + " alert_resolved, cancel_requested, created_at, started_at, finished_at, end_note";

  private static final String STEP_COLUMNS =
      "id, run_id, step_id, phase, attempt, action, status, started_at, deadline, finished_at,"
          + " outputs, recorded, failure_reason, failure_retryable, failure_message, mutating,"
          + " dry_run";

  // The lower bound keeps H2 off the index entries of finished runs (wake_at null, which H2 sorts
  // first): without it each claim read every finished run, 90,000 of them after a few minutes of
  // load (BENCHMARKS.md, Alertmanager ingest). PostgreSQL sorts nulls last.
  private static final String DUE =
      "select id from run where wake_at >= ? and wake_at <= ?"
          + " and (lease_until is null or lease_until < ?) order by wake_at"
          + " fetch first ? rows only";

  private static final String LEASE =
      "update run set lease_owner = ?, lease_until = ? where id = ? and wake_at <= ?"
          + " and status in "
          + ACTIVE
          + " and (lease_until is null or lease_until < ?)";

  private static final String STEP_UPDATE =
      "update step_execution set status = ?, deadline = ?, finished_at = ?, outputs = ?,"
          + " recorded = ?, failure_reason = ?, failure_retryable = ?, failure_message = ?"
          + " where run_id = ? and phase = ? and step_id = ? and attempt = ?";

  private static final String STEP_INSERT =
      "insert into step_execution ("
          + STEP_COLUMNS
          + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String RUN_INSERT =
      "insert into run ("
          + RUN_COLUMNS
          + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?)";

  /** What a claim needs to know of a run before it takes it (for its audit event). */
  record Before(String workflow, String digest, RunStatus status, boolean leased) {}

  private final SharedSessionContractImplementor session;
  private final BeforeExecutionGenerator stepIds;

  EngineRows(EntityManager em) {
    this.session = em.unwrap(SharedSessionContractImplementor.class);
    this.stepIds =
        (BeforeExecutionGenerator)
            session
                .getFactory()
                .getMappingMetamodel()
                .getEntityDescriptor(StepExecutionEntity.class)
                .getGenerator();
  }

  /**
   * Inserts a new run (no lease). A second active run for the same workflow and key fails on the
   * unique {@code active_key}; Hibernate turns that into its {@code ConstraintViolationException},
   * as it would for the entity's insert.
   */
  void insertRun(RunEntity row) {
    session.doWork(
        connection -> {
          try (PreparedStatement insert = connection.prepareStatement(RUN_INSERT)) {
            insert.setString(1, row.id);
            insert.setString(2, row.workflow);
            insert.setString(3, row.workflowDigest);
            insert.setString(4, row.dedupKey);
            text(insert, 5, row.activeKey);
            insert.setString(6, row.status);
            insert.setString(7, row.phase);
            insert.setInt(8, row.stepIndex);
            insert.setInt(9, row.attempt);
            time(insert, 10, row.wakeAt);
            text(insert, 11, null); // lease_owner
            time(insert, 12, null); // lease_until
            insert.setString(13, row.alertFingerprint);
            insert.setString(14, row.alertLabels);
            insert.setString(15, row.alertAnnotations);
            time(insert, 16, row.alertStartsAt);
            insert.setString(17, row.alertGeneratorUrl);
            insert.setString(18, row.params);
            insert.setString(19, row.outputs);
            text(insert, 20, row.failureReason);
            bool(insert, 21, row.failureRetryable);
            text(insert, 22, row.failureMessage);
            insert.setBoolean(23, row.dryRun);
            text(insert, 24, row.parkedBy);
            insert.setBoolean(25, row.alertResolved);
            insert.setBoolean(26, row.cancelRequested);
            time(insert, 27, row.createdAt);
            time(insert, 28, row.startedAt);
            time(insert, 29, row.finishedAt);
            insert.setString(30, row.endNote);
            insert.executeUpdate();
          }
        });
  }

  /** The active run with this active key (workflow and dedup key, {@link RunRows#activeKey}). */
  Optional<String> activeRunId(String activeKey) {
    return session.doReturningWork(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement("select id from run where active_key = ?")) {
            query.setString(1, activeKey);
            try (ResultSet row = query.executeQuery()) {
              return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  /** Ids of up to {@code limit} runs due at {@code now} with a free lease, earliest first. */
  List<String> due(Instant now, int limit) {
    List<String> ids = new ArrayList<>();
    session.doWork(
        connection -> {
          try (PreparedStatement query = CustomPlans.prepare(connection, DUE)) {
            time(query, 1, Instant.EPOCH);
            time(query, 2, now);
            time(query, 3, now);
            query.setInt(4, limit);
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                ids.add(rows.getString(1));
              }
            }
          }
        });
    return ids;
  }

  /** Workflow, status and lease of the runs among {@code ids} that exist. */
  Map<String, Before> before(Collection<String> ids) {
    Map<String, Before> found = new HashMap<>();
    InLists.selectIn(
        session,
        "select id, workflow, workflow_digest, status, lease_owner from run where id",
        ids,
        row ->
            found.put(
                row.getString(1),
                new Before(
                    row.getString(2),
                    row.getString(3),
                    RunStatus.fromWireName(row.getString(4)),
                    row.getString(5) != null)));
    return found;
  }

  /**
   * Leases those of {@code ids} that are still due and free at {@code now}, in one batch; answers
   * the ids leased. The rows are updated in id order, so that two replicas claiming overlapping
   * runs lock them in the same order and never deadlock.
   */
  List<String> lease(Collection<String> ids, Lease lease, Instant now) {
    List<String> ordered = new ArrayList<>(ids);
    Collections.sort(ordered);
    List<String> leased = new ArrayList<>();
    session.doWork(
        connection -> {
          try (PreparedStatement update = connection.prepareStatement(LEASE)) {
            for (String id : ordered) {
              update.setString(1, lease.owner());
              time(update, 2, lease.until());
              update.setString(3, id);
              time(update, 4, now);
              time(update, 5, now);
              update.addBatch();
            }
            int[] counts = update.executeBatch();
            for (int i = 0; i < counts.length; i++) {
              if (counts[i] > 0) {
                leased.add(ordered.get(i));
              }
            }
          }
        });
    return leased;
  }

  /** The runs among {@code ids} that exist, with all their attempts, by id. */
  Map<String, RunHistory> histories(Collection<String> ids) {
    Map<String, RunEntity> runs = new LinkedHashMap<>();
    Map<String, List<StepExecution>> steps = new HashMap<>();
    InLists.selectIn(
        session,
        "select " + RUN_COLUMNS + " from run where id",
        ids,
        row -> {
          RunEntity run = run(row);
          runs.put(run.id, run);
        });
    InLists.selectIn(
        session,
        "select " + STEP_COLUMNS + " from step_execution where run_id",
        ids,
        " order by run_id, started_at, id",
        row -> {
          StepExecutionEntity step = step(row);
          steps.computeIfAbsent(step.runId, id -> new ArrayList<>()).add(RunRows.toStep(step));
        });
    Map<String, RunHistory> histories = new HashMap<>();
    runs.forEach(
        (id, run) ->
            histories.put(
                id, new RunHistory(RunRows.toRun(run), steps.getOrDefault(id, List.of()))));
    return histories;
  }

  /** Updates the attempt's outcome by its natural key; inserts it when it is new. */
  void upsert(StepExecution attempt) {
    session.doWork(
        connection -> {
          int updated;
          try (PreparedStatement update = connection.prepareStatement(STEP_UPDATE)) {
            text(update, 1, attempt.status().wireName());
            time(update, 2, attempt.deadline());
            time(update, 3, attempt.finishedAt().orElse(null));
            update.setString(4, JsonColumns.write(attempt.outputs()));
            update.setString(5, JsonColumns.write(attempt.recorded()));
            text(update, 6, attempt.failure().map(f -> f.reason().wireName()).orElse(null));
            bool(update, 7, attempt.failure().map(StepFailure::retryable).orElse(null));
            text(update, 8, attempt.failure().map(StepFailure::message).orElse(null));
            update.setString(9, attempt.runId());
            update.setString(10, attempt.phase().name());
            update.setString(11, attempt.stepId());
            update.setInt(12, attempt.attempt());
            updated = update.executeUpdate();
          }
          if (updated == 0) {
            insert(connection, attempt, nextStepId());
          }
        });
  }

  /** Inserts an attempt known to be new. */
  void insert(StepExecution attempt) {
    long id = nextStepId();
    session.doWork(connection -> insert(connection, attempt, id));
  }

  /**
   * A new attempt's id from the entity's generator; outside {@code doWork}, since the generator may
   * use the session's connection itself to reserve the next block of ids.
   */
  private long nextStepId() {
    return ((Number) stepIds.generate(session, null, null, EventType.INSERT)).longValue();
  }

  private static void insert(Connection connection, StepExecution attempt, long id)
      throws SQLException {
    StepExecutionEntity row = RunRows.toEntity(attempt);
    try (PreparedStatement insert = connection.prepareStatement(STEP_INSERT)) {
      insert.setLong(1, id);
      insert.setString(2, row.runId);
      insert.setString(3, row.stepId);
      insert.setString(4, row.phase);
      insert.setInt(5, row.attempt);
      insert.setString(6, row.action);
      insert.setString(7, row.status);
      time(insert, 8, row.startedAt);
      time(insert, 9, row.deadline);
      time(insert, 10, row.finishedAt);
      insert.setString(11, row.outputs);
      insert.setString(12, row.recorded);
      text(insert, 13, row.failureReason);
      bool(insert, 14, row.failureRetryable);
      text(insert, 15, row.failureMessage);
      insert.setBoolean(16, row.mutating);
      insert.setBoolean(17, row.dryRun);
      insert.executeUpdate();
    }
  }

  /** The wake-up time a run update writes. */
  sealed interface WakeUp {
    /** Left as stored: a run that goes on under its lease stays due from when it became due. */
    record Kept() implements WakeUp {}

    /** Due at {@code at}. */
    record At(Instant at) implements WakeUp {
      public At {
        Objects.requireNonNull(at, "at");
      }
    }

    /** Due never again by time: finished, or waiting on something other than a clock. */
    record Cleared() implements WakeUp {}
  }

  /** The flags ingest and the API set, as the worker loaded them. */
  record Flags(boolean cancelRequested, boolean alertResolved) {}

  /**
   * Writes the engine's fields of run {@code id} ({@code state}, as {@link RunRows#copyState} fills
   * them, but the wake-up time, which is {@code wakeUp}) and its lease ({@code kept}, or none) if
   * {@code owner} holds its lease and, when given, {@code cancel_requested} and {@code
   * alert_resolved} are still as {@code expected}. Those flags are set by ingest and the API and
   * never written here; nor is an active run's end note, which is the cancel or resolve reason set
   * by others.
   */
  int updateRun(
      String id,
      boolean active,
      RunEntity state,
      WakeUp wakeUp,
      Optional<Lease> kept,
      String owner,
      Optional<Flags> expected) {
    boolean writesWakeUp = !(wakeUp instanceof WakeUp.Kept);
    String sql =
        "update run set active_key = ?, status = ?, phase = ?, step_index = ?, attempt = ?,"
            + (writesWakeUp ? " wake_at = ?," : "")
            + " outputs = ?, failure_reason = ?, failure_retryable = ?,"
            + " failure_message = ?, parked_by = ?, started_at = ?, finished_at = ?,"
            + " lease_owner = ?, lease_until = ?"
            + (active ? "" : ", end_note = ?")
            + " where id = ? and lease_owner = ?"
            + (expected.isPresent() ? " and cancel_requested = ? and alert_resolved = ?" : "");
    return session.doReturningWork(
        connection -> {
          try (PreparedStatement update = connection.prepareStatement(sql)) {
            int i = 0;
            text(update, ++i, state.activeKey);
            update.setString(++i, state.status);
            update.setString(++i, state.phase);
            update.setInt(++i, state.stepIndex);
            update.setInt(++i, state.attempt);
            if (writesWakeUp) {
              time(update, ++i, wakeUp instanceof WakeUp.At at ? at.at() : null);
            }
            update.setString(++i, state.outputs);
            text(update, ++i, state.failureReason);
            bool(update, ++i, state.failureRetryable);
            text(update, ++i, state.failureMessage);
            text(update, ++i, state.parkedBy);
            time(update, ++i, state.startedAt);
            time(update, ++i, state.finishedAt);
            text(update, ++i, kept.map(Lease::owner).orElse(null));
            time(update, ++i, kept.map(Lease::until).orElse(null));
            if (!active) {
              update.setString(++i, state.endNote);
            }
            update.setString(++i, id);
            update.setString(++i, owner);
            if (expected.isPresent()) {
              update.setBoolean(++i, expected.get().cancelRequested());
              update.setBoolean(++i, expected.get().alertResolved());
            }
            return update.executeUpdate();
          }
        });
  }

  /**
   * Stores what an open attempt recorded for its revert, only while {@code owner} holds the run's
   * lease and the attempt is still open.
   */
  boolean checkpoint(StepExecution attempt, String owner) {
    return session.doReturningWork(
            connection -> {
              try (PreparedStatement update =
                  connection.prepareStatement(
                      "update step_execution set recorded = ? where run_id = ? and phase = ?"
                          + " and step_id = ? and attempt = ? and status = 'started'"
                          + " and exists (select 1 from run r where r.id = ?"
                          + " and r.lease_owner = ?)")) {
                update.setString(1, JsonColumns.write(attempt.recorded()));
                update.setString(2, attempt.runId());
                update.setString(3, attempt.phase().name());
                update.setString(4, attempt.stepId());
                update.setInt(5, attempt.attempt());
                update.setString(6, attempt.runId());
                update.setString(7, owner);
                return update.executeUpdate();
              }
            })
        == 1;
  }

  /** Gives up {@code owner}'s lease on the run, changing nothing else. */
  void release(String runId, String owner) {
    session.doWork(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "update run set lease_owner = null, lease_until = null"
                      + " where id = ? and lease_owner = ?")) {
            update.setString(1, runId);
            update.setString(2, owner);
            update.executeUpdate();
          }
        });
  }

  private static RunEntity run(ResultSet row) throws SQLException {
    RunEntity e = new RunEntity();
    e.id = row.getString("id");
    e.workflow = row.getString("workflow");
    e.workflowDigest = row.getString("workflow_digest");
    e.dedupKey = row.getString("dedup_key");
    e.activeKey = row.getString("active_key");
    e.status = row.getString("status");
    e.phase = row.getString("phase");
    e.stepIndex = row.getInt("step_index");
    e.attempt = row.getInt("attempt");
    e.wakeAt = instant(row, "wake_at");
    e.leaseOwner = row.getString("lease_owner");
    e.leaseUntil = instant(row, "lease_until");
    e.alertFingerprint = row.getString("alert_fingerprint");
    e.alertLabels = row.getString("alert_labels");
    e.alertAnnotations = row.getString("alert_annotations");
    e.alertStartsAt = instant(row, "alert_starts_at");
    e.alertGeneratorUrl = row.getString("alert_generator_url");
    e.params = row.getString("params");
    e.outputs = row.getString("outputs");
    e.failureReason = row.getString("failure_reason");
    e.failureRetryable = bool(row, "failure_retryable");
    e.failureMessage = row.getString("failure_message");
    e.dryRun = row.getBoolean("dry_run");
    e.parkedBy = row.getString("parked_by");
    e.alertResolved = row.getBoolean("alert_resolved");
    e.cancelRequested = row.getBoolean("cancel_requested");
    e.createdAt = instant(row, "created_at");
    e.startedAt = instant(row, "started_at");
    e.finishedAt = instant(row, "finished_at");
    e.endNote = row.getString("end_note");
    return e;
  }

  private static StepExecutionEntity step(ResultSet row) throws SQLException {
    StepExecutionEntity e = new StepExecutionEntity();
    e.id = row.getLong("id");
    e.runId = row.getString("run_id");
    e.stepId = row.getString("step_id");
    e.phase = row.getString("phase");
    e.attempt = row.getInt("attempt");
    e.action = row.getString("action");
    e.status = row.getString("status");
    e.startedAt = instant(row, "started_at");
    e.deadline = instant(row, "deadline");
    e.finishedAt = instant(row, "finished_at");
    e.outputs = row.getString("outputs");
    e.recorded = row.getString("recorded");
    e.failureReason = row.getString("failure_reason");
    e.failureRetryable = bool(row, "failure_retryable");
    e.failureMessage = row.getString("failure_message");
    e.mutating = row.getBoolean("mutating");
    e.dryRun = row.getBoolean("dry_run");
    return e;
  }
}
