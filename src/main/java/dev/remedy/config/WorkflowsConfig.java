package dev.remedy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The workflow catalog: where the YAML files are and how changes are noticed. */
@ConfigMapping(prefix = "remedy.workflows")
public interface WorkflowsConfig {

  /** Directory of the workflow files ({@code *.yaml}, one workflow each). */
  @WithDefault("workflows")
  String dir();

  /**
   * How often the directory is checked for changed files; {@code 0s} turns automatic reload off
   * ({@code POST /api/v1/workflows/reload} still works). Polling, rather than file-system events,
   * also sees the symlink swaps of a Kubernetes ConfigMap volume and works on every file system.
   */
  @WithDefault("2s")
  Duration reloadInterval();
}
