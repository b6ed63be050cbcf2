package dev.remedy.config;

import dev.remedy.guard.GuardSettingsHistory;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records the global guard settings in the audit log at start-up ({@code guards.configured}) when
 * they differ from the last ones recorded, and the first time: the action budget ({@code
 * remedy.guards.*}), where workflows may act ({@code remedy.kubernetes.allowed-namespaces}) and the
 * start-up position forced on the automation switch ({@code remedy.automation.enabled}, {@code
 * remedy.dry-run}; the switch's own changes are {@code automation.changed}). A database that was
 * down at start-up gets the record once it is back.
 */
@ApplicationScoped
public class GuardsStartup {

  private final GuardSettingsHistory history;
  private final Map<String, String> settings;
  private volatile boolean recorded;

  public GuardsStartup(
      GuardSettingsHistory history,
      GuardsConfig guards,
      KubernetesConfig kubernetes,
      @ConfigProperty(name = "remedy.automation.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "remedy.dry-run", defaultValue = "false") boolean dryRun) {
    this.history = history;
    this.settings = settings(guards, kubernetes.allowedNamespaces().orElse(null), enabled, dryRun);
  }

  /**
   * The settings as recorded: property name to value; the allowed namespaces sorted, or {@code *}
   * when unset (every namespace but kube-system).
   */
  static Map<String, String> settings(
      GuardsConfig guards, List<String> allowedNamespaces, boolean enabled, boolean dryRun) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(
        "remedy.guards.max-actions-per-window", Integer.toString(guards.maxActionsPerWindow()));
    settings.put("remedy.guards.action-window", guards.actionWindow().toString());
    settings.put(
        "remedy.kubernetes.allowed-namespaces",
        allowedNamespaces == null
            ? "*"
            : String.join(
                ",",
                new TreeSet<>(
                    allowedNamespaces.stream()
                        .map(String::trim)
                        .filter(n -> !n.isEmpty())
                        .toList())));
    settings.put("remedy.automation.enabled", Boolean.toString(enabled));
    settings.put("remedy.dry-run", Boolean.toString(dryRun));
    return settings;
  }

  void onStart(@Observes StartupEvent event) {
    tryRecord();
  }

  @Scheduled(
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      every = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void retry() {
    if (!recorded) {
      tryRecord();
    }
  }

  private synchronized void tryRecord() {
    if (recorded) {
      return;
    }
    try {
      if (history.recordIfChanged(settings)) {
        Log.infof("Guard settings recorded in the audit log: %s", settings);
      }
      recorded = true;
    } catch (RuntimeException e) {
      Log.warnf(
          "Could not record the guard settings in the audit log (%s); trying again in 10 s",
          e.getMessage());
    }
  }
}
