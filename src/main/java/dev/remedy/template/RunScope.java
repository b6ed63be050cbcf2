package dev.remedy.template;

import dev.remedy.alert.Alert;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables of a run: its alert, rendered params, run fields and the outputs of finished steps.
 * A label or annotation the alert does not carry has no value (the template fails unless a {@code
 * default} filter supplies one).
 */
public record RunScope(
    Alert alert,
    Map<String, String> params,
    Map<String, String> run,
    Map<String, Map<String, String>> steps)
    implements TemplateScope {

  public RunScope {
    params = Map.copyOf(params);
    run = Map.copyOf(run);
    steps = Map.copyOf(steps);
  }

  /** Only the alert: what params and the dedup key are rendered from. */
  public static RunScope ofAlert(Alert alert) {
    return new RunScope(alert, Map.of(), Map.of(), Map.of());
  }

  public RunScope withParams(Map<String, String> rendered) {
    return new RunScope(alert, rendered, run, steps);
  }

  @Override
  public Optional<String> resolve(List<String> path) {
    String name = path.size() > 1 ? path.get(1) : null;
    if (name == null) {
      return Optional.empty();
    }
    return switch (path.getFirst()) {
      case "labels" -> Optional.ofNullable(alert.labels().asMap().get(name));
      case "annotations" -> Optional.ofNullable(alert.annotations().asMap().get(name));
      case "alert" ->
          switch (name) {
            case "fingerprint" -> Optional.of(alert.fingerprint().value());
            case "startsAt" -> Optional.of(alert.startsAt().toString());
            case "generatorURL" -> Optional.of(alert.generatorUrl());
            default -> Optional.empty();
          };
      case "params" -> Optional.ofNullable(params.get(name));
      case "run" -> Optional.ofNullable(run.get(name));
      case "steps" ->
          path.size() > 2
              ? Optional.ofNullable(steps.getOrDefault(name, Map.of()).get(path.get(2)))
              : Optional.empty();
      default -> Optional.empty();
    };
  }
}
