package dev.remedy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * remedy's own database settings; the connection itself is configured with the standard {@code
 * quarkus.datasource.*} keys. The keys here feed those in application.properties.
 */
@ConfigMapping(prefix = "remedy.datasource")
public interface DatasourceConfig {

  /**
   * The longest one SQL statement may run, waiting for locks included, before the database cancels
   * it, in milliseconds; {@code 0}: no limit. A cancelled ingest statement is answered 503, so
   * Alertmanager retries rather than waiting on a request that never ends. Passed to both drivers
   * as a connection property (PostgreSQL {@code statement_timeout}, H2 {@code MAX_QUERY_TIMEOUT}),
   * so it covers every statement, the start-up migrations included.
   */
  @WithDefault("10000")
  int queryTimeoutMs();

  /**
   * The JDBC URL per database kind ({@code h2}, {@code postgresql}) used when {@code
   * quarkus.datasource.jdbc.url} is not set.
   */
  Map<String, String> defaultUrl();

  /**
   * The age at which the pool replaces a connection, per database kind, when {@code
   * quarkus.datasource.jdbc.max-lifetime} is not set: PostgreSQL only (application.properties says
   * why), none for H2.
   */
  Map<String, String> maxLifetime();
}
