package dev.remedy.adapter.files;

import dev.remedy.audit.AuditArchive;
import dev.remedy.config.AuditConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Archives pruned audit events as JSON Lines files in {@code remedy.audit.archive-dir}, named
 * {@code audit-<first>-<last>.jsonl} (zero-padded, so they sort in chain order). Written to a
 * temporary file, synced, then moved into place: a file with the final name is complete.
 */
@ApplicationScoped
public class FileAuditArchive implements AuditArchive {

  private final Path directory;

  @Inject
  public FileAuditArchive(AuditConfig config) {
    this(Path.of(config.archiveDir()));
  }

  public FileAuditArchive(Path directory) {
    this.directory = directory;
  }

  @Override
  public String write(long firstSeq, long lastSeq, List<String> lines) {
    String name = "audit-%019d-%019d.jsonl".formatted(firstSeq, lastSeq);
    try {
      Files.createDirectories(directory);
      Path partial = directory.resolve(name + ".partial");
      try (FileChannel channel =
          FileChannel.open(
              partial,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
          text.append(line).append('\n');
        }
        var bytes = java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(partial, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit archive " + name, e);
    }
  }
}
