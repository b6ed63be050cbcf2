package dev.remedy.api;

import dev.remedy.workflow.CatalogEntry;
import dev.remedy.workflow.Condition;
import dev.remedy.workflow.Param;
import dev.remedy.workflow.Step;
import dev.remedy.workflow.Workflow;
import dev.remedy.workflow.WorkflowError;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** JSON shapes of the workflow catalog in the operator API. */
public final class WorkflowViews {

  private WorkflowViews() {}

  /** One error in a workflow file; {@code text} is the {@code file:line:column field: message}. */
  @RegisterForReflection
  public record ErrorView(
      String file, int line, int column, String field, String message, String text) {
    static ErrorView of(WorkflowError error) {
      return new ErrorView(
          error.file(),
          error.line(),
          error.column(),
          error.field(),
          error.message(),
          error.toString());
    }
  }

  /**
   * One file of the catalog.
   *
   * @param name the workflow in use from this file; null when the file has never been valid
   * @param status {@code valid}, or {@code invalid} (then {@code servingLastGood} says whether an
   *     older version is still in use)
   * @param version digest of the version in use
   * @param fileDigest digest of the file as last read
   */
  @RegisterForReflection
  public record WorkflowSummary(
      String name,
      String description,
      String file,
      String status,
      String version,
      String fileDigest,
      boolean servingLastGood,
      List<ErrorView> errors,
      Instant checkedAt) {
    static WorkflowSummary of(CatalogEntry entry) {
      Workflow serving = entry.serving().orElse(null);
      return new WorkflowSummary(
          serving == null ? null : serving.name(),
          serving == null ? null : serving.description(),
          entry.file(),
          entry.valid() ? "valid" : "invalid",
          serving == null ? null : serving.source().digest(),
          entry.fileDigest(),
          entry.servingLastGood(),
          entry.errors().stream().map(ErrorView::of).toList(),
          entry.checkedAt());
    }
  }

  @RegisterForReflection
  public record WorkflowList(List<WorkflowSummary> workflows, int invalidFiles) {
    static WorkflowList of(dev.remedy.workflow.Catalog catalog) {
      return new WorkflowList(
          catalog.entries().stream().map(WorkflowSummary::of).toList(), catalog.invalidFiles());
    }
  }

  /** A workflow in use, with what it matches and does. */
  @RegisterForReflection
  public record WorkflowDetail(
      WorkflowSummary catalog,
      List<String> matchers,
      String onResolved,
      String dedupKey,
      List<Map<String, String>> params,
      Map<String, Object> guards,
      List<StepView> steps,
      List<StepView> onFailure) {
    static WorkflowDetail of(CatalogEntry entry, Workflow w) {
      return new WorkflowDetail(
          WorkflowSummary.of(entry),
          w.matchers().all().stream().map(Object::toString).toList(),
          w.onResolved().name().toLowerCase(java.util.Locale.ROOT),
          w.dedupKey().map(Object::toString).orElse("{{ alert.fingerprint }}"),
          w.params().stream().map(WorkflowDetail::param).toList(),
          guards(w),
          w.steps().stream().map(StepView::of).toList(),
          w.onFailure().stream().map(StepView::of).toList());
    }

    private static Map<String, String> param(Param p) {
      return p.pattern().isPresent()
          ? Map.of(
              "name", p.name(), "value", p.value().source(), "pattern", p.pattern().get().pattern())
          : Map.of("name", p.name(), "value", p.value().source());
    }

    private static Map<String, Object> guards(Workflow w) {
      var g = new java.util.LinkedHashMap<String, Object>();
      w.guards().cooldown().ifPresent(c -> g.put("cooldown", c.toString()));
      w.guards()
          .rateLimit()
          .ifPresent(r -> g.put("rateLimit", Map.of("runs", r.runs(), "per", r.per().toString())));
      w.guards().maxConcurrentRuns().ifPresent(m -> g.put("maxConcurrentRuns", m));
      g.put("dryRun", w.guards().dryRun());
      return g;
    }
  }

  /** A step: its id, what it does, its timeout and conditions. */
  @RegisterForReflection
  public record StepView(String id, String kind, String timeout, int attempts, List<String> when) {
    static StepView of(Step step) {
      return new StepView(
          step.id(),
          step.action().map(a -> a.yamlName()).orElse("approval"),
          step.settings().timeout().toString(),
          step.settings().retry().attempts(),
          step.settings().when().stream().map(Condition::source).toList());
    }
  }

  /** The answer of {@code POST /api/v1/workflows/validate}. */
  @RegisterForReflection
  public record ValidationView(
      boolean valid, String workflow, String digest, List<ErrorView> errors) {}
}
