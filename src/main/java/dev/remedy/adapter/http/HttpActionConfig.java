package dev.remedy.adapter.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Where {@code http} steps may go. */
@ConfigMapping(prefix = "remedy.http")
public interface HttpActionConfig {

  /**
   * Host names {@code http} steps may call (exact, case-insensitive; {@code *.example.com} for
   * sub-domains). Unset: none, every http step fails with {@code forbidden}.
   */
  Optional<List<String>> allowedHosts();

  /**
   * Whether an allowed host may resolve to a loopback, private (RFC 1918/4193), link-local or
   * unspecified address. Off by default: a workflow must not become a way into the cluster network
   * or the cloud metadata endpoint.
   */
  @WithDefault("false")
  boolean allowPrivateAddresses();
}
