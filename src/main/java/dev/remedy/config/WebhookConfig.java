package dev.remedy.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The Alertmanager webhook ({@code POST /webhooks/alertmanager}). */
@ConfigMapping(prefix = "remedy.webhook")
public interface WebhookConfig {

  /**
   * Secret Alertmanager must present as a Bearer token or as the Basic-auth password. Unset: the
   * webhook is open, and a warning says so at start-up.
   */
  Optional<String> token();

  /** Larger notification bodies are refused with 413. */
  @WithDefault("1M")
  MemorySize maxBody();
}
