package dev.remedy.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Refuses to start on configuration that cannot work, and warns about what is unsafe. */
@Singleton
public class StartupChecks {

  private final WebhookConfig webhook;
  private final DatasourceConfig datasource;
  private final MemorySize httpBodyLimit;

  public StartupChecks(
      WebhookConfig webhook,
      DatasourceConfig datasource,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize httpBodyLimit) {
    this.webhook = webhook;
    this.datasource = datasource;
    this.httpBodyLimit = httpBodyLimit;
  }

  void onStart(@Observes StartupEvent event) {
    if (webhook.maxBody().asLongValue() > httpBodyLimit.asLongValue()) {
      throw new IllegalStateException(
          "remedy.webhook.max-body ("
              + webhook.maxBody().asLongValue()
              + " bytes) is larger than quarkus.http.limits.max-body-size ("
              + httpBodyLimit.asLongValue()
              + " bytes): raise the latter too");
    }
    if (webhook.token().isEmpty() || webhook.token().get().isBlank()) {
      Log.warn(
          "remedy.webhook.token is not set: POST /webhooks/alertmanager accepts notifications"
              + " from anyone who can reach it. Set it and give Alertmanager the same secret.");
    }
    if (datasource.queryTimeoutMs() == 0) {
      Log.warn(
          "remedy.datasource.query-timeout-ms is 0: a statement stuck on a database lock holds"
              + " ingest, and Alertmanager's request, until the lock is released.");
    }
  }
}
