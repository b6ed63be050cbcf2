package dev.remedy.run;

import dev.remedy.cluster.ClusterOperations;
import dev.remedy.cluster.WorkloadRef;
import dev.remedy.template.RunScope;
import dev.remedy.template.Template;
import dev.remedy.template.TemplateRenderException;
import dev.remedy.workflow.Step;
import dev.remedy.workflow.TargetRef;
import dev.remedy.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plan an approval shows and binds to: one line per gated step (every step after the approval
 * up to the next approval), rendered against the run, with the values the step will change as read
 * from the cluster now ("replicas 3 → 5"). Its digest is taken when the approval opens and again
 * when the decision arrives: if the cluster moved meanwhile, the plan people approved is not the
 * plan that would run, and the gated steps do not run.
 */
final class GatedPlan {

  private final ClusterOperations cluster;

  GatedPlan(ClusterOperations cluster) {
    this.cluster = cluster;
  }

  /** The plan's lines and digest. */
  record Rendered(List<String> lines, String digest) {}

  Rendered render(Workflow workflow, String approvalStep, RunScope scope) {
    List<String> lines = new ArrayList<>();
    boolean gated = false;
    for (Step step : workflow.steps()) {
      if (step.id().equals(approvalStep)) {
        gated = true;
        continue;
      }
      if (!gated) {
        continue;
      }
      if (step instanceof Step.Approval) {
        break;
      }
      lines.add(step.id() + ": " + line(step, scope));
    }
    if (lines.isEmpty()) {
      lines.add("(no step after this approval)");
    }
    return new Rendered(lines, digest(lines));
  }

  private String line(Step step, RunScope scope) {
    try {
      return switch (step) {
        case Step.Restart s -> {
          WorkloadRef ref = ref(s.target(), scope);
          yield "restart " + ref + now(ref, "replicas", "replicas");
        }
        case Step.Scale s -> {
          WorkloadRef ref = ref(s.target(), scope);
          String current = cluster.observe(ref).get("replicas");
          if (current == null) {
            yield "scale " + ref + " (not found)";
          }
          int wanted = s.change().apply(Integer.parseInt(current));
          if (s.min().isPresent()) {
            wanted = Math.max(wanted, s.min().getAsInt());
          }
          if (s.max().isPresent()) {
            wanted = Math.min(wanted, s.max().getAsInt());
          }
          yield "scale "
              + ref
              + ": replicas "
              + current
              + " → "
              + wanted
              + (s.adjustHpa() ? " (HPA bounds adjusted)" : "");
        }
        case Step.ShiftTraffic s -> {
          WorkloadRef ref = ref(s.target(), scope);
          Map<String, String> now = cluster.observe(ref);
          StringBuilder weights = new StringBuilder();
          new TreeMap<>(s.weights())
              .forEach(
                  (backend, weight) ->
                      weights
                          .append(weights.isEmpty() ? "" : ", ")
                          .append(backend)
                          .append(' ')
                          .append(now.getOrDefault("rule." + s.rule() + "." + backend, "?"))
                          .append(" → ")
                          .append(weight));
          yield "shiftTraffic " + ref + " rule " + s.rule() + ": " + weights;
        }
        case Step.RotateSecret s -> {
          WorkloadRef ref = ref(s.target(), scope);
          List<String> consumers = new ArrayList<>();
          for (Step.RotateSecret.Consumer c : s.restart()) {
            consumers.add(c.kind().kind() + " " + c.name().render(scope));
          }
          yield "rotateSecret "
              + ref
              + ": new "
              + String.join(", ", s.keys())
              + " ("
              + s.length()
              + " "
              + s.alphabet().name().toLowerCase(java.util.Locale.ROOT)
              + (s.keepPrevious() ? ", previous kept" : "")
              + ")"
              + (cluster.observe(ref).isEmpty() ? " (not found)" : "")
              + (consumers.isEmpty() ? "" : "; then restart " + String.join(", ", consumers));
        }
        case Step.WaitForRollout s -> "waitForRollout " + ref(s.target(), scope);
        case Step.WaitForResolved s -> "waitForResolved (until the alert resolves)";
        case Step.Revert s -> "revert step " + s.step();
        case Step.Http s -> "http " + s.method() + " " + renderedOr(s.url(), scope);
        case Step.Notify s -> "notify " + s.channel().orElse("(default channel)");
        case Step.Approval a -> "approval";
      };
    } catch (TemplateRenderException e) {
      return step.action().map(a -> a.yamlName()).orElse("approval")
          + " (depends on an earlier step's output)";
    }
  }

  private String now(WorkloadRef ref, String key, String label) {
    Map<String, String> observed = cluster.observe(ref);
    if (observed.isEmpty()) {
      return " (not found)";
    }
    return observed.containsKey(key) ? " (" + label + " " + observed.get(key) + ")" : "";
  }

  private static String renderedOr(Template template, RunScope scope) {
    try {
      return template.render(scope);
    } catch (TemplateRenderException e) {
      return "(URL from an earlier step's output)";
    }
  }

  private static WorkloadRef ref(TargetRef target, RunScope scope) throws TemplateRenderException {
    return new WorkloadRef(
        target.kind(), target.namespace().render(scope), target.name().render(scope));
  }

  static String digest(List<String> lines) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
