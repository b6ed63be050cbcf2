package dev.remedy.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Export-then-prune: events older than the retention are written to an archive (verifiable like an
 * export), then removed from the database behind a signed {@link Checkpoint} naming the last
 * removed event, and the pruning itself is appended to the chain. Verification then starts from the
 * checkpoint; the archive verifies on its own and ends exactly where the checkpoint says, so
 * archive plus database still form one verifiable chain.
 *
 * <p>At most {@code maxEvents} per pass (one archive file, one transaction); the next pass goes on.
 */
public final class AuditRetention {

  private final AuditTrail trail;
  private final AuditArchive archive;
  private final AuditPruner pruner;
  private final CheckpointSigner signer;
  private final Duration retention;
  private final int maxEvents;

  public AuditRetention(
      AuditTrail trail,
      AuditArchive archive,
      AuditPruner pruner,
      CheckpointSigner signer,
      Duration retention,
      int maxEvents) {
    this.trail = trail;
    this.archive = archive;
    this.pruner = pruner;
    this.signer = signer;
    this.retention = retention;
    this.maxEvents = maxEvents;
  }

  /** What a pass archived and removed. */
  public record Pass(long firstSeq, long lastSeq, String archive) {
    public long events() {
      return lastSeq - firstSeq + 1;
    }
  }

  /** One pass at {@code now}; empty when nothing is older than the retention. */
  public Optional<Pass> prune(Instant now) {
    long from = trail.checkpoint().map(Checkpoint::seq).orElse(0L);
    long through = Math.min(trail.lastSeqBefore(now.minus(retention)), from + maxEvents);
    if (through <= from) {
      return Optional.empty();
    }
    List<String> lines = new ArrayList<>();
    SealedEvent[] last = new SealedEvent[1];
    trail.stream(
        from,
        through,
        event -> {
          lines.add(ExportLine.of(event));
          last[0] = event;
          return true;
        });
    if (last[0] == null || last[0].seq() != through || lines.size() != through - from) {
      throw new IllegalStateException(
          "audit events " + (from + 1) + ".." + through + " are not all stored: not pruning");
    }
    String name = archive.write(from + 1, through, lines);
    String hash = last[0].hash();
    Checkpoint checkpoint = new Checkpoint(through, hash, now, name, signer.sign(through, hash));
    boolean pruned =
        pruner.prune(checkpoint, new AuditEvent.AuditPruned(through, hash, name, lines.size()));
    return pruned ? Optional.of(new Pass(from + 1, through, name)) : Optional.empty();
  }
}
