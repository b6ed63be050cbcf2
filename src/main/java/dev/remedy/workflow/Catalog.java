package dev.remedy.workflow;

import dev.remedy.alert.LabelSet;
import dev.remedy.matching.MatcherIndex;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflows in use: immutable, replaced as a whole on reload so a reader never sees half a
 * reload. A file that turns invalid keeps serving its last good version; a deleted file's workflow
 * is gone.
 */
public final class Catalog {

  public static final Catalog EMPTY = new Catalog(List.of());

  private final List<CatalogEntry> entries;
  private final Map<String, Workflow> byName;
  private final List<Workflow> workflows;
  private final MatcherIndex<Workflow> index;

  private Catalog(List<CatalogEntry> entries) {
    this.entries = entries.stream().sorted(Comparator.comparing(CatalogEntry::file)).toList();
    Map<String, Workflow> workflows = new LinkedHashMap<>();
    for (CatalogEntry entry : this.entries) {
      entry.serving().ifPresent(w -> workflows.putIfAbsent(w.name(), w));
    }
    this.byName = java.util.Collections.unmodifiableMap(workflows);
    this.workflows = List.copyOf(workflows.values());
    this.index = MatcherIndex.build(workflows.values(), Workflow::matchers);
  }

  /** One file as just read: its digest and what loading it gave. */
  public record FileRead(String file, String digest, LoadResult result) {}

  /**
   * The catalog after reading the directory again: {@code reads} holds every file present now.
   * Files that are unchanged may be passed with the same result as before.
   */
  public Catalog update(List<FileRead> reads, Instant now) {
    Map<String, CatalogEntry> previous = new LinkedHashMap<>();
    entries.forEach(e -> previous.put(e.file(), e));
    List<CatalogEntry> next =
        reads.stream()
            .map(
                read ->
                    switch (read.result()) {
                      case LoadResult.Loaded loaded ->
                          new CatalogEntry(
                              read.file(),
                              read.digest(),
                              Optional.of(loaded.workflow()),
                              List.<WorkflowError>of(),
                              now);
                      case LoadResult.Invalid invalid ->
                          new CatalogEntry(
                              read.file(),
                              read.digest(),
                              Optional.ofNullable(previous.get(read.file()))
                                  .flatMap(CatalogEntry::serving),
                              invalid.errors(),
                              now);
                    })
            .toList();
    return new Catalog(next);
  }

  /** Every file, valid or not, by file name. */
  public List<CatalogEntry> entries() {
    return entries;
  }

  /** The workflows in use, by file name. */
  public List<Workflow> workflows() {
    return workflows;
  }

  public Optional<Workflow> workflow(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Optional<CatalogEntry> entryOf(String workflowName) {
    return entries.stream()
        .filter(e -> e.serving().map(w -> w.name().equals(workflowName)).orElse(false))
        .findFirst();
  }

  /** Files whose current content is invalid (they may still serve a last good version). */
  public int invalidFiles() {
    return (int) entries.stream().filter(e -> !e.valid()).count();
  }

  /** The workflows whose matchers all hold for these labels, without testing every workflow. */
  public List<Workflow> matching(LabelSet labels) {
    return index.match(labels);
  }
}
