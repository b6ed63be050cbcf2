package dev.remedy.adapter.persistence;

import dev.remedy.guard.Guard;
import dev.remedy.guard.GuardDecision;
import dev.remedy.run.RunHistory;
import dev.remedy.run.RunQueries;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@link RunQueries} on Hibernate ORM. */
@ApplicationScoped
public class PanacheRunQueries implements RunQueries {

  private final RunRepository runs;
  private final GuardDecisionRepository decisions;
  private final PanacheRunStore store;

  public PanacheRunQueries(
      RunRepository runs, GuardDecisionRepository decisions, PanacheRunStore store) {
    this.runs = runs;
    this.decisions = decisions;
    this.store = store;
  }

  @Override
  @Transactional
  public Page find(Query query) {
    List<String> filters = new ArrayList<>();
    Parameters parameters = new Parameters();
    query
        .status()
        .ifPresent(
            s -> {
              filters.add("status = :status");
              parameters.and("status", s.wireName());
            });
    query
        .workflow()
        .ifPresent(
            w -> {
              filters.add("workflow = :workflow");
              parameters.and("workflow", w);
            });
    query
        .since()
        .ifPresent(
            s -> {
              filters.add("createdAt >= :since");
              parameters.and("since", s);
            });
    query
        .cursor()
        .ifPresent(
            c -> {
              filters.add("(createdAt < :at or (createdAt = :at and id < :id))");
              parameters.and("at", c.createdAt()).and("id", c.id());
            });
    String where = filters.isEmpty() ? "1 = 1" : String.join(" and ", filters);
    List<RunEntity> rows =
        runs.find(where, Sort.descending("createdAt", "id"), parameters)
            .range(0, query.limit())
            .list();
    boolean more = rows.size() > query.limit();
    List<RunEntity> page = more ? rows.subList(0, query.limit()) : rows;
    Optional<Cursor> next =
        more
            ? Optional.of(new Cursor(page.getLast().createdAt, page.getLast().id))
            : Optional.empty();
    var items = page.stream().map(RunRows::toRun).toList();
    runs.getEntityManager().clear();
    return new Page(items, next);
  }

  @Override
  public Optional<RunHistory> history(String runId) {
    return store.load(runId);
  }

  @Override
  @Transactional
  public List<GuardDecision> decisionsAbout(String runId) {
    return decisions.list("runId = ?1 order by decidedAt, id", runId).stream()
        .map(PanacheRunQueries::toDecision)
        .toList();
  }

  @Override
  @Transactional
  public List<GuardDecision> recentDecisions(
      Optional<String> workflow, Optional<Instant> since, int limit) {
    List<String> filters = new ArrayList<>();
    Parameters parameters = new Parameters();
    workflow.ifPresent(
        w -> {
          filters.add("workflow = :workflow");
          parameters.and("workflow", w);
        });
    since.ifPresent(
        s -> {
          filters.add("decidedAt >= :since");
          parameters.and("since", s);
        });
    String where = filters.isEmpty() ? "1 = 1" : String.join(" and ", filters);
    return decisions
        .find(where, Sort.descending("decidedAt", "id"), parameters)
        .range(0, limit - 1)
        .list()
        .stream()
        .map(PanacheRunQueries::toDecision)
        .toList();
  }

  private static GuardDecision toDecision(GuardDecisionEntity row) {
    return new GuardDecision(
        row.workflow,
        row.dedupKey,
        row.fingerprint,
        Optional.ofNullable(row.runId),
        GuardDecision.Outcome.valueOf(row.outcome.toUpperCase(java.util.Locale.ROOT)),
        Arrays.stream(Guard.values()).filter(g -> g.wireName().equals(row.guard)).findFirst(),
        row.detail,
        row.decidedAt);
  }
}
