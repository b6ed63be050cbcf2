package dev.remedy.workflow;

import dev.remedy.template.TemplateRenderException;
import dev.remedy.template.TemplateScope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Renders one step into the fields a person reviews in a plan (simulation, approval request). */
final class StepDetails {

  private StepDetails() {}

  static PlannedStep of(Step step, TemplateScope scope) throws TemplateRenderException {
    Map<String, Object> d = new LinkedHashMap<>();
    switch (step) {
      case Step.Restart s -> d.put("target", target(s.target(), scope));
      case Step.WaitForRollout s -> d.put("target", target(s.target(), scope));
      case Step.Scale s -> {
        d.put("target", target(s.target(), scope));
        switch (s.change()) {
          case ScaleChange.To to -> d.put("replicas", to.replicas());
          case ScaleChange.By by -> d.put("by", by.delta());
          case ScaleChange.Factor f -> d.put("factor", f.factor());
        }
        s.min().ifPresent(min -> d.put("min", min));
        s.max().ifPresent(max -> d.put("max", max));
        d.put("hpa", s.adjustHpa() ? "adjust" : "refuse");
      }
      case Step.ShiftTraffic s -> {
        d.put("target", target(s.target(), scope));
        d.put("rule", s.rule());
        d.put("weights", new TreeMap<>(s.weights()));
      }
      case Step.RotateSecret s -> {
        d.put("target", target(s.target(), scope));
        d.put("keys", s.keys());
        d.put("length", s.length());
        d.put("alphabet", s.alphabet().name().toLowerCase(java.util.Locale.ROOT));
        d.put("keepPrevious", s.keepPrevious());
        var consumers = new java.util.ArrayList<Map<String, String>>();
        for (Step.RotateSecret.Consumer c : s.restart()) {
          consumers.add(Map.of("kind", c.kind().kind(), "name", c.name().render(scope)));
        }
        d.put("restart", consumers);
      }
      case Step.WaitForResolved s -> {}
      case Step.Revert s -> d.put("step", s.step());
      case Step.Http s -> {
        d.put("method", s.method());
        d.put("url", s.url().render(scope));
        // Header values may carry credentials: a plan shows their names only.
        d.put("headers", s.headers().keySet().stream().sorted().toList());
        if (s.body().isPresent()) {
          d.put("body", s.body().get().render(scope));
        }
        d.put(
            "expectStatus",
            s.expectStatus().isEmpty() ? "2xx" : s.expectStatus().stream().sorted().toList());
      }
      case Step.Notify s -> {
        d.put("text", s.text().render(scope));
        s.channel().ifPresent(c -> d.put("channel", c));
      }
      case Step.Approval s -> {
        d.put("approvers", s.approvers());
        d.put("quorum", s.quorum());
        d.put("timeout", s.timeout().toString());
        d.put("onTimeout", s.onTimeout().name().toLowerCase(java.util.Locale.ROOT));
        d.put("message", s.message().render(scope));
      }
    }
    d.put("timeout", step.settings().timeout().toString());
    RetryPolicy retry = step.settings().retry();
    if (retry.attempts() > 1) {
      d.put(
          "retry",
          Map.of(
              "attempts",
              retry.attempts(),
              "backoff",
              retry.backoff().toString(),
              "maxBackoff",
              retry.maxBackoff().toString()));
    }
    String kind = step.action().map(ActionType::yamlName).orElse("approval");
    return new PlannedStep(
        step.id(), kind, d, step.settings().when().stream().map(Condition::source).toList());
  }

  private static Map<String, String> target(TargetRef target, TemplateScope scope)
      throws TemplateRenderException {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("kind", target.kind().kind());
    t.put("namespace", target.namespace().render(scope));
    t.put("name", target.name().render(scope));
    return t;
  }
}
