package dev.remedy.adapter.persistence;

import dev.remedy.approval.Approval;
import dev.remedy.approval.ApprovalSettled;
import dev.remedy.approval.ApprovalStatus;
import dev.remedy.approval.ApprovalStore;
import dev.remedy.approval.Channel;
import dev.remedy.approval.Vote;
import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
import dev.remedy.audit.WorkflowVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/**
 * {@link ApprovalStore} on the {@code approval} and {@code approval_vote} tables. Opening an
 * approval writes {@code approval.requested}, and the engine settling one at its deadline {@code
 * approval.expired}, in the transaction that changes the row.
 */
@ApplicationScoped
public class PanacheApprovalStore implements ApprovalStore {

  private final ApprovalRepository approvals;
  private final ApprovalVoteRepository votes;
  private final Clock clock;
  private final Event<ApprovalSettled> settled;
  private final AuditLog audit;

  public PanacheApprovalStore(
      ApprovalRepository approvals,
      ApprovalVoteRepository votes,
      Clock clock,
      Event<ApprovalSettled> settled,
      AuditLog audit) {
    this.approvals = approvals;
    this.votes = votes;
    this.clock = clock;
    this.settled = settled;
    this.audit = audit;
  }

  private EntityManager em() {
    return approvals.getEntityManager();
  }

  @Override
  @Transactional
  public Optional<Approval> find(String id) {
    return approvals.findByIdOptional(id).map(PanacheApprovalStore::approval);
  }

  @Override
  @Transactional
  public Optional<Approval> forStep(String runId, String stepId) {
    return approvals
        .find("runId = ?1 and stepId = ?2", runId, stepId)
        .firstResultOptional()
        .map(PanacheApprovalStore::approval);
  }

  @Override
  @Transactional
  public List<Approval> forRun(String runId) {
    return approvals.list("runId = ?1 order by requestedAt, id", runId).stream()
        .map(PanacheApprovalStore::approval)
        .toList();
  }

  @Override
  @Transactional
  public Approval open(Approval approval) {
    Optional<Approval> existing = forStep(approval.runId(), approval.stepId());
    if (existing.isPresent()) {
      return existing.get();
    }
    ApprovalEntity row = new ApprovalEntity();
    row.id = approval.id();
    row.runId = approval.runId();
    row.stepId = approval.stepId();
    row.status = approval.status().wireName();
    row.approvers = String.join(",", approval.approvers());
    row.quorum = approval.quorum();
    row.deadline = approval.deadline();
    row.message = approval.message();
    row.plan = JsonColumns.write(Map.of("workflow", approval.workflow(), "lines", approval.plan()));
    row.planDigest = approval.planDigest();
    row.channel = approval.channel();
    row.requestedBy = approval.requestedBy();
    row.requestedAt = approval.requestedAt();
    row.slackState = ApprovalEntity.TO_POST;
    row.slackNextAt = approval.requestedAt();
    approvals.persist(row);
    audit.append(
        new AuditEvent.ApprovalRequested(
            approval.runId(),
            version(approval),
            approval.stepId(),
            approval.id(),
            approval.planDigest(),
            approval.approvers(),
            approval.quorum(),
            approval.deadline()));
    return approval;
  }

  @Override
  @Transactional
  public WorkflowVersion version(Approval approval) {
    List<?> rows =
        em().createNativeQuery("select workflow, workflow_digest from run where id = :id")
            .setParameter("id", approval.runId())
            .getResultList();
    if (rows.isEmpty()) {
      return new WorkflowVersion(approval.workflow(), "unknown");
    }
    Object[] run = (Object[]) rows.get(0);
    return new WorkflowVersion(String.valueOf(run[0]), String.valueOf(run[1]));
  }

  @Override
  @Transactional
  public List<Approval> list(Optional<ApprovalStatus> status, int limit) {
    var query =
        status.isPresent()
            ? approvals.find(
                "status = ?1 order by "
                    + (status.get().isOpen() ? "deadline, id" : "requestedAt desc, id"),
                status.get().wireName())
            : approvals.find("order by requestedAt desc, id");
    return query.page(0, limit).list().stream().map(PanacheApprovalStore::approval).toList();
  }

  @Override
  @Transactional
  public List<Vote> votes(Approval approval) {
    return votes
        .list(
            "runId = ?1 and stepId = ?2 order by votedAt, id", approval.runId(), approval.stepId())
        .stream()
        .map(
            v ->
                new Vote(
                    v.approver,
                    v.approve,
                    Channel.valueOf(v.via.toUpperCase(Locale.ROOT)),
                    v.votedAt,
                    v.comment,
                    v.requestId))
        .toList();
  }

  @Override
  @Transactional(TxType.MANDATORY)
  public Optional<Approval> lockForDecision(String id) {
    return Optional.ofNullable(em().find(ApprovalEntity.class, id, LockModeType.PESSIMISTIC_WRITE))
        .map(PanacheApprovalStore::approval);
  }

  @Override
  @Transactional(TxType.MANDATORY)
  public void decided(Approval approval, Vote vote, ApprovalStatus next, Instant at) {
    ApprovalVoteEntity row = new ApprovalVoteEntity();
    row.runId = approval.runId();
    row.stepId = approval.stepId();
    row.approver = vote.voter();
    row.approve = vote.approve();
    row.votedAt = vote.at();
    row.comment = vote.comment();
    row.via = vote.via().name().toLowerCase(Locale.ROOT);
    row.requestId = vote.requestId();
    votes.persist(row);
    ApprovalEntity entity = approvals.findById(approval.id());
    entity.status = next.wireName();
    if (!next.isOpen()) {
      entity.decidedAt = at;
    }
    messageChanged(entity, at);
  }

  @Override
  @Transactional(TxType.MANDATORY)
  public void wakeRun(String runId, Instant now) {
    NativeUpdate.of(em(), "update run set wake_at = :now where id = :id")
        .time("now", now)
        .text("id", runId)
        .execute();
  }

  @Override
  @Transactional
  public boolean settle(String runId, String stepId, ApprovalStatus status, Instant at) {
    Optional<ApprovalEntity> row =
        approvals.find("runId = ?1 and stepId = ?2", runId, stepId).firstResultOptional();
    if (row.isEmpty() || !row.get().status.equals(ApprovalStatus.PENDING.wireName())) {
      return false;
    }
    decide(row.get(), status, at);
    if (status == ApprovalStatus.EXPIRED
        || (status == ApprovalStatus.APPROVED && !at.isBefore(row.get().deadline))) {
      Approval expired = approval(row.get());
      audit.append(
          new AuditEvent.ApprovalExpired(
              runId, version(expired), stepId, expired.id(), status.wireName()));
    }
    return true;
  }

  /**
   * In the caller's transaction (the run's save): a run that ended leaves no approval open, and its
   * message says so.
   */
  @Transactional(TxType.MANDATORY)
  void cancelPending(String runId, Instant now) {
    if (!anyPending(runId)) {
      return;
    }
    for (ApprovalEntity row :
        approvals.list("runId = ?1 and status = ?2", runId, ApprovalStatus.PENDING.wireName())) {
      decide(row, ApprovalStatus.CANCELLED, now);
    }
  }

  /**
   * Whether the run has an approval still pending: one look-up by the run's key in plain JDBC.
   * Every run that ends asks, and most have no approval step: as an entity query it was 2 % of the
   * service's time in the engine benchmark (BENCHMARKS.md, Run engine). The session is flushed
   * first, so an approval opened earlier in the same transaction is seen, as the query would.
   */
  private boolean anyPending(String runId) {
    Session session = em().unwrap(Session.class);
    session.flush();
    return session.doReturningWork(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "select 1 from approval where run_id = ? and status = ?")) {
            query.setString(1, runId);
            query.setString(2, ApprovalStatus.PENDING.wireName());
            try (ResultSet row = query.executeQuery()) {
              return row.next();
            }
          }
        });
  }

  private void decide(ApprovalEntity row, ApprovalStatus status, Instant at) {
    row.status = status.wireName();
    row.decidedAt = at;
    messageChanged(row, at);
    settled.fire(
        new ApprovalSettled(row.id, row.runId, status, Duration.between(row.requestedAt, at)));
  }

  private static void messageChanged(ApprovalEntity row, Instant now) {
    if (ApprovalEntity.POSTED.equals(row.slackState)
        || ApprovalEntity.DONE.equals(row.slackState)) {
      row.slackState = ApprovalEntity.TO_UPDATE;
      row.slackAttempts = 0;
      row.slackNextAt = now;
    }
  }

  // ------------------------------------------------------------------ Slack message

  @Override
  @Transactional
  public List<SlackWork> claimSlackWork(Instant now, Duration lease, int limit) {
    List<ApprovalEntity> due =
        approvals
            .find(
                "slackState in ?1 and slackNextAt <= ?2 order by slackNextAt",
                List.of(ApprovalEntity.TO_POST, ApprovalEntity.TO_UPDATE),
                now)
            .page(0, limit)
            .list();
    List<SlackWork> claimed = new ArrayList<>();
    for (ApprovalEntity row : due) {
      int taken =
          NativeUpdate.of(
                  em(),
                  "update approval set slack_next_at = :until where id = :id"
                      + " and slack_next_at = :seen")
              .time("until", now.plus(lease))
              .text("id", row.id)
              .time("seen", row.slackNextAt)
              .execute();
      if (taken == 1) {
        claimed.add(
            new SlackWork(approval(row), Optional.ofNullable(row.slackTs), row.slackAttempts));
      }
    }
    return claimed;
  }

  @Override
  @Transactional
  public void slackPosted(String approvalId, String channel, String ts, ApprovalStatus shown) {
    ApprovalEntity row =
        em().find(ApprovalEntity.class, approvalId, LockModeType.PESSIMISTIC_WRITE);
    row.slackTs = ts;
    row.channel = channel;
    shown(row, shown);
  }

  @Override
  @Transactional
  public void slackUpdated(String approvalId, ApprovalStatus shown) {
    shown(em().find(ApprovalEntity.class, approvalId, LockModeType.PESSIMISTIC_WRITE), shown);
  }

  private void shown(ApprovalEntity row, ApprovalStatus shown) {
    row.slackAttempts = 0;
    row.slackError = null;
    if (!row.status.equals(shown.wireName())) {
      row.slackState = ApprovalEntity.TO_UPDATE;
      row.slackNextAt = clock.instant();
    } else {
      row.slackState = shown.isOpen() ? ApprovalEntity.POSTED : ApprovalEntity.DONE;
      row.slackNextAt = null;
    }
  }

  @Override
  @Transactional
  public void slackFailed(String approvalId, int attempts, Instant retryAt, String error) {
    ApprovalEntity row = approvals.findById(approvalId);
    row.slackAttempts = attempts;
    row.slackNextAt = retryAt;
    row.slackError = error.length() > 1024 ? error.substring(0, 1024) : error;
  }

  @Override
  @Transactional
  public void slackSkipped(String approvalId) {
    ApprovalEntity row = approvals.findById(approvalId);
    row.slackState = ApprovalEntity.OFF;
    row.slackNextAt = null;
  }

  @Override
  @Transactional
  public Optional<SlackMessage> latestMessage(String runId) {
    return approvals
        .find("runId = ?1 and slackTs is not null order by requestedAt desc", runId)
        .firstResultOptional()
        .map(row -> new SlackMessage(row.channel, row.slackTs));
  }

  @SuppressWarnings("unchecked")
  private static Approval approval(ApprovalEntity row) {
    Map<String, Object> plan = JsonColumns.tree(row.plan);
    return new Approval(
        row.id,
        row.runId,
        row.stepId,
        String.valueOf(plan.get("workflow")),
        ApprovalStatus.valueOf(row.status.toUpperCase(Locale.ROOT)),
        row.approvers.isEmpty() ? List.of() : Arrays.asList(row.approvers.split(",")),
        row.quorum,
        row.deadline,
        row.message,
        (List<String>) plan.get("lines"),
        row.planDigest,
        row.channel,
        row.requestedBy,
        row.requestedAt,
        Optional.ofNullable(row.decidedAt),
        Optional.ofNullable(row.slackTs));
  }
}
