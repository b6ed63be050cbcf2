package dev.remedy.config;

import dev.remedy.cluster.ClusterOperations;
import dev.remedy.guard.AutomationSwitches;
import dev.remedy.run.EngineObserver;
import dev.remedy.run.EngineSettings;
import dev.remedy.run.Lease;
import dev.remedy.run.Notifier;
import dev.remedy.run.OutboundHttp;
import dev.remedy.run.RunHistory;
import dev.remedy.run.RunStore;
import dev.remedy.run.RunWorker;
import dev.remedy.run.RunsCreated;
import dev.remedy.run.StepEffects;
import dev.remedy.run.WorkflowVersions;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the engine in this replica: one dispatcher thread claims due runs and hands each to a worker
 * (a virtual thread) that drives it with {@link RunWorker}. The dispatcher wakes when ingest
 * commits new runs (fast path, no poll delay) and on every sweep ({@code
 * remedy.engine.sweep-interval}) for expired leases, wake-ups, retries and parked runs. At most
 * {@code remedy.engine.workers} runs are driven at once.
 */
@ApplicationScoped
public class EngineRunner {

  private final RunStore store;
  private final RunWorker worker;
  private final EngineConfig config;
  private final Clock clock;
  private final String replica = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong claims = new AtomicLong();
  private final ConcurrentLinkedQueue<String> hints = new ConcurrentLinkedQueue<>();
  private final Semaphore slots;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean stopping;
  private volatile boolean sweepDue = true;
  private Thread dispatcher;

  public EngineRunner(
      RunStore store,
      WorkflowVersions versions,
      ClusterOperations cluster,
      OutboundHttp http,
      Notifier notifier,
      dev.remedy.approval.ApprovalStore approvals,
      dev.remedy.approval.Approvers approvers,
      AutomationSwitches automation,
      EngineObserver observer,
      EngineConfig config,
      GuardsConfig guards,
      KubernetesConfig kubernetes,
      Clock clock) {
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.slots = new Semaphore(config.workers());
    EngineSettings settings =
        new EngineSettings(
            config.leaseMargin(),
            config.pollInterval(),
            java.time.Duration.ofSeconds(30),
            config.parkRecheck(),
            guards.maxActionsPerWindow(),
            guards.actionWindow(),
            config.maxStepsPerClaim());
    StepEffects effects =
        new StepEffects(
            cluster,
            http,
            notifier,
            store,
            approvals,
            approvers,
            settings,
            dev.remedy.cluster.NamespacePolicy.of(kubernetes.allowedNamespaces()));
    this.worker =
        new RunWorker(store, versions, effects, automation, settings, observer, clock, calls);
  }

  synchronized void start(@Observes StartupEvent event) {
    if (dispatcher == null) {
      dispatcher = Thread.ofPlatform().name("remedy-engine-dispatcher").daemon().start(this::loop);
    }
  }

  /** New runs (and runs whose alert resolved) committed by ingest: claim them now. */
  void due(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunsCreated event) {
    hints.addAll(event.runIds());
    LockSupport.unpark(dispatcher);
  }

  /** A decided approval: its run goes on now, not at the next sweep. */
  void decided(
      @Observes(during = TransactionPhase.AFTER_SUCCESS)
          dev.remedy.approval.ApprovalSettled event) {
    hints.add(event.runId());
    LockSupport.unpark(dispatcher);
  }

  /** Makes the dispatcher look for due runs (used after the automation switch changes). */
  public void wake() {
    sweepDue = true;
    LockSupport.unpark(dispatcher);
  }

  /**
   * The scheduled sweep (at most once a second; the dispatcher also sweeps by itself every {@code
   * remedy.engine.sweep-interval}, which may be shorter).
   */
  @Scheduled(
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      every = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    wake();
  }

  private void loop() {
    long lastSweep = 0;
    while (!stopping) {
      try {
        if (System.nanoTime() - lastSweep >= config.sweepInterval().toNanos()) {
          sweepDue = true;
        }
        if (hints.isEmpty() && !sweepDue) {
          LockSupport.parkNanos(config.sweepInterval().toNanos());
          continue;
        }
        if (sweepDue) {
          lastSweep = System.nanoTime();
        }
        dispatch();
      } catch (RuntimeException e) {
        Log.warnf("Engine dispatcher: could not claim runs (%s); trying again", e.getMessage());
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
      }
    }
  }

  private void dispatch() {
    boolean sweeping = sweepDue;
    sweepDue = false;
    int free = slots.availablePermits();
    if (free == 0) {
      // Every worker is busy; a finishing worker wakes the dispatcher again.
      sweepDue = sweepDue || sweeping;
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      return;
    }
    List<String> hinted = new ArrayList<>();
    for (String id; hinted.size() < free && (id = hints.poll()) != null; ) {
      hinted.add(id);
    }
    if (hinted.isEmpty() && !sweeping) {
      return;
    }
    Instant now = clock.instant();
    Lease lease =
        new Lease(replica + "-" + claims.incrementAndGet(), now.plus(config.leaseMargin()));
    // Hinted runs that another replica took, or whose wake-up is later, are simply not claimed.
    List<RunHistory> claimed = store.claim(lease, now, free, hinted);
    for (RunHistory run : claimed) {
      slots.acquireUninterruptibly();
      workers.execute(() -> drive(run, lease));
    }
    if (sweeping && claimed.size() == free) {
      sweepDue = true; // more may be due than there were free workers
    }
  }

  private void drive(RunHistory run, Lease lease) {
    String runId = run.run().id();
    try {
      worker.drive(run, lease);
    } catch (RuntimeException e) {
      Log.errorf(
          e,
          "Run %s: the worker stopped on an unexpected error; the run is picked up again"
              + " when its lease expires",
          runId);
    } finally {
      slots.release();
      LockSupport.unpark(dispatcher);
    }
  }

  void stop(@Observes ShutdownEvent event) {
    stopping = true;
    if (dispatcher != null) {
      LockSupport.unpark(dispatcher);
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        Log.warnf(
            "Engine: runs still executing after %s; their leases expire and another replica (or"
                + " the next start) takes them over",
            config.shutdownTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    calls.shutdownNow();
  }
}
