package dev.remedy.audit;

import java.util.List;

/** Where pruned events are kept outside the database (port; files in the adapter). */
public interface AuditArchive {

  /**
   * Writes the lines durably (synced) under a name derived from their first and last numbers.
   *
   * @return the archive's name, recorded in the checkpoint
   */
  String write(long firstSeq, long lastSeq, List<String> lines);
}
