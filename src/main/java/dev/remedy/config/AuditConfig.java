package dev.remedy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The audit log (docs/audit.md): its self-check and its retention. */
@ConfigMapping(prefix = "remedy.audit")
public interface AuditConfig {

  /**
   * How often each replica recomputes the whole chain ({@code remedy_audit_chain_valid}, and a log
   * line with the head to anchor outside the database); the first check this long after start-up.
   */
  @WithDefault("15m")
  Duration verifyInterval();

  /**
   * Events older than this are archived to {@link #archiveDir()} and removed, behind a signed
   * checkpoint; {@code 0} (the default) keeps every event in the database for ever.
   */
  @WithDefault("0")
  Duration retention();

  /** Where pruned events are archived, one JSON Lines file per pass, verifiable as exported. */
  @WithDefault("./data/audit-archive")
  String archiveDir();

  /**
   * The key that signs pruning checkpoints (HMAC-SHA256). Required when {@link #retention()} is
   * set: without it a forged checkpoint could hide removed events.
   */
  Optional<String> checkpointKey();

  /** How often a pruning pass runs when {@link #retention()} is set. */
  @WithDefault("1h")
  Duration pruneInterval();
}
