package dev.remedy.adapter.files;

import dev.remedy.config.WorkflowsConfig;
import dev.remedy.workflow.Catalog;
import dev.remedy.workflow.CatalogEntry;
import dev.remedy.workflow.CatalogHistory;
import dev.remedy.workflow.CatalogSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The catalog in use, read from {@code remedy.workflows.dir} at start-up, again when a file changes
 * (polled every {@code remedy.workflows.reload-interval}) and on demand. Every reload builds a
 * whole new catalog and swaps it in one step.
 *
 * <p>Files whose content changed, and files gone since the previous read, are recorded in the audit
 * log ({@link CatalogHistory}: {@code catalog.loaded}, {@code catalog.rejected}, {@code
 * catalog.removed}). A removal is seen by comparing two reads of one process and, at the first read
 * of a process, by comparing the directory with the files the audit trail last recorded as loaded
 * or rejected: a file deleted while no replica ran is recorded as removed when the next one starts.
 * The catalog does not wait for the database: when it cannot be reached, the catalog is swapped in
 * all the same and the recording is tried again at the next poll (recording is idempotent).
 */
@ApplicationScoped
public class WorkflowCatalogFiles implements CatalogSource {

  private static final Logger LOG = Logger.getLogger(WorkflowCatalogFiles.class);

  private final WorkflowsConfig config;
  private final Clock clock;
  private final WorkflowDirectoryReader reader;
  private final CatalogHistory history;
  private final AtomicReference<Catalog> current = new AtomicReference<>(Catalog.EMPTY);
  private final Counter reloadsClean;
  private final Counter reloadsWithErrors;
  private final List<CatalogEntry> unrecordedRemovals = new ArrayList<>();
  private volatile Map<String, String> lastStamps = Map.of();
  private volatile boolean loaded;
  private volatile boolean unrecorded;
  private boolean startRecorded;
  private ScheduledExecutorService poller;

  WorkflowCatalogFiles(
      WorkflowsConfig config, Clock clock, MeterRegistry registry, CatalogHistory history) {
    this.config = config;
    this.clock = clock;
    this.history = history;
    this.reader = new WorkflowDirectoryReader(Path.of(config.dir()), config.dir());
    Gauge.builder("remedy.workflow.catalog.errors", current, c -> c.get().invalidFiles())
        .description("Workflow files whose current content is invalid")
        .register(registry);
    Gauge.builder("remedy.workflow.catalog.workflows", current, c -> c.get().workflows().size())
        .description("Workflows in use")
        .register(registry);
    reloadsClean =
        Counter.builder("remedy.workflow.catalog.reloads")
            .tag("outcome", "valid")
            .register(registry);
    reloadsWithErrors =
        Counter.builder("remedy.workflow.catalog.reloads")
            .tag("outcome", "errors")
            .register(registry);
  }

  void onStart(@Observes StartupEvent event) {
    reload();
    long interval = config.reloadInterval().toMillis();
    if (interval > 0) {
      poller =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().name("workflow-reload").daemon().unstarted(r));
      poller.scheduleWithFixedDelay(
          this::reloadIfChanged, interval, interval, TimeUnit.MILLISECONDS);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    if (poller != null) {
      poller.shutdownNow();
    }
  }

  @Override
  public Catalog current() {
    return current.get();
  }

  /** Whether the first read of the directory has happened (readiness). */
  public boolean loaded() {
    return loaded;
  }

  @Override
  public synchronized Catalog reload() {
    lastStamps = reader.stamps();
    Catalog before = current.get();
    Catalog after = before.update(reader.readAll(), clock.instant());
    current.set(after);
    loaded = true;
    report(before, after);
    return after;
  }

  private void reloadIfChanged() {
    try {
      if (!reader.stamps().equals(lastStamps)) {
        reload();
      } else if (unrecorded) {
        record(List.of(), current.get().entries());
      }
    } catch (RuntimeException e) {
      LOG.warnf(
          e, "reading the workflow directory %s failed; the catalog is unchanged", config.dir());
    }
  }

  private static Map<String, CatalogEntry> byFile(Catalog catalog) {
    Map<String, CatalogEntry> entries = new java.util.HashMap<>();
    catalog.entries().forEach(e -> entries.put(e.file(), e));
    return entries;
  }

  private void report(Catalog before, Catalog after) {
    if (!reader.directoryExists()) {
      LOG.warnf("workflow directory %s does not exist: no workflow is loaded", config.dir());
    }
    Map<String, CatalogEntry> beforeByFile = byFile(before);
    List<CatalogEntry> changed = new ArrayList<>();
    for (CatalogEntry entry : after.entries()) {
      Optional<CatalogEntry> old = Optional.ofNullable(beforeByFile.get(entry.file()));
      if (old.isPresent() && old.get().fileDigest().equals(entry.fileDigest())) {
        continue;
      }
      changed.add(entry);
      if (entry.valid()) {
        LOG.infof(
            "workflow %s %s from %s (%s)",
            entry.serving().orElseThrow().name(),
            old.isPresent() ? "reloaded" : "loaded",
            entry.file(),
            entry.fileDigest());
      } else {
        entry.errors().forEach(error -> LOG.warnf("invalid workflow file: %s", error));
        LOG.warnf(
            "%s is invalid; %s",
            entry.file(),
            entry.serving().isPresent()
                ? "its last good version keeps serving"
                : "it has no valid version, so no workflow from it is in use");
      }
    }
    Map<String, CatalogEntry> afterByFile = byFile(after);
    List<CatalogEntry> removed =
        before.entries().stream().filter(e -> !afterByFile.containsKey(e.file())).toList();
    removed.forEach(e -> LOG.infof("%s was removed: its workflow is no longer in use", e.file()));
    (after.invalidFiles() == 0 ? reloadsClean : reloadsWithErrors).increment();
    record(removed, unrecorded ? after.entries() : changed);
  }

  /**
   * Records the removals (with those not recorded yet), then the entries, in the audit log; on the
   * first failure, leaves the rest for later. The first time, first the files the trail still
   * counts as served but the directory no longer holds (removed while this process did not run).
   */
  private synchronized void record(List<CatalogEntry> removed, List<CatalogEntry> entries) {
    unrecordedRemovals.addAll(removed);
    try {
      if (!startRecorded) {
        history.removedExcept(
            current.get().entries().stream().map(CatalogEntry::file).collect(Collectors.toSet()));
        startRecorded = true;
      }
      while (!unrecordedRemovals.isEmpty()) {
        history.removed(unrecordedRemovals.getFirst());
        unrecordedRemovals.removeFirst();
      }
      for (CatalogEntry entry : entries) {
        if (entry.valid()) {
          history.loaded(entry.serving().orElseThrow());
        } else {
          history.rejected(entry);
        }
      }
      unrecorded = false;
    } catch (RuntimeException e) {
      unrecorded = true;
      LOG.warnf(
          "could not record the workflow catalog in the audit log (%s); trying again at the next"
              + " reload check",
          e.getMessage());
    }
  }
}
