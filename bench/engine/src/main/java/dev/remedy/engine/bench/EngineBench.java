package dev.remedy.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * remedy's engine benchmark (bench/engine/run.sh runs it; BENCHMARKS.md has the figures).
 *
 * <ol>
 *   <li>Starts a fake cluster ({@link FakeCluster}) with {@code DEPLOYMENTS} rolled-out Deployments
 *       in namespace {@code bench}, and writes two workflows: {@code bench-one}
 *       (alertname=BenchOne: one restart) and {@code bench-three} (alertname=BenchThree: restart,
 *       scale to 3, scale to 2).
 *   <li>Starts the packaged service on a fresh database, pointed at the fake cluster, with an
 *       action budget switched off (0).
 *   <li>Warms up, then measures <b>alert received → first mutating call</b> at two open-loop rates
 *       (one new firing alert per notification, so one run each): per run, the first attempt's
 *       {@code startedAt} from GET /api/v1/runs/{id} (the attempt is committed just before the
 *       Kubernetes call) minus the notification's scheduled send time. The arrival of the run's
 *       first PATCH at the fake cluster is shown beside it.
 *   <li>Measures <b>three-step runs completed per second</b>: BenchThree notifications faster than
 *       the engine completes them; completions per second from the runs' {@code finishedAt} in the
 *       steady window, and the fraction that succeeded.
 *   <li>Prints the tables, checks the targets and stops everything.
 * </ol>
 *
 * Arguments: {@code --db h2|postgresql --jar PATH --out DIR --jdbc-url URL [--db-user USER]};
 * everything else from the environment (documented at the top of bench/engine/run.sh).
 */
public final class EngineBench {

  static final String ONE = "bench-one";
  static final String THREE = "bench-three";

  private final Map<String, String> args;
  private final Path out;
  private final String db;
  private final List<String> results = new ArrayList<>();
  private final List<String> latencyRows = new ArrayList<>();
  private final List<String> throughputRows = new ArrayList<>();
  private final List<String> verdicts = new ArrayList<>();

  private FakeCluster cluster;
  private Service service;
  private Remedy remedy;
  private Path gcLog;

  private EngineBench(Map<String, String> args) {
    this.args = args;
    this.out = Path.of(required("out"));
    this.db = required("db");
  }

  public static void main(String[] argv) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      if (!argv[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + argv[i]);
      }
      args.put(argv[i].substring(2), argv[i + 1]);
    }
    int code;
    EngineBench bench = new EngineBench(args);
    try {
      code = bench.run();
    } catch (Exception e) {
      System.err.println("engine bench: " + e.getMessage());
      if (bench.service != null) {
        System.err.println("last lines of " + bench.out.resolve("server.log") + ":");
        System.err.println(bench.service.tail(20));
      }
      code = 1;
    } finally {
      bench.stop();
    }
    System.exit(code);
  }

  // ------------------------------------------------------------------ settings

  private String required(String name) {
    String v = args.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return v;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static double num(String name, double fallback) {
    return Double.parseDouble(env(name, Double.toString(fallback)));
  }

  private static int integer(String name, int fallback) {
    return Integer.parseInt(env(name, Integer.toString(fallback)));
  }

  // ------------------------------------------------------------------ the run

  private int run() throws Exception {
    int port = integer("PORT", 18090);
    int deployments = integer("DEPLOYMENTS", 100);
    int workers = integer("ENGINE_WORKERS", 64);
    double warmupS = num("WARMUP_S", 60);
    double warmupRate = num("WARMUP_RATE", 50);
    double phaseWarmupS = num("PHASE_WARMUP_S", 3);
    double lowRate = num("LOW_RATE", 10);
    double lowS = num("LOW_S", 60);
    double highRate = num("HIGH_RATE", 200);
    double highS = num("HIGH_S", 30);
    double thruRate = num("THRU_RATE", 400);
    double thruS = num("THRU_S", 20);
    double thruSkipS = num("THRU_SKIP_S", 5);
    Duration drain = Duration.ofSeconds((long) num("DRAIN_TIMEOUT_S", 300));
    if (thruSkipS >= thruS) {
      throw new IllegalArgumentException("THRU_SKIP_S must be shorter than THRU_S");
    }

    Files.createDirectories(out);
    gcLog = out.resolve("gc.log");
    System.out.printf(
        Locale.ROOT,
        "== remedy engine benchmark: %s, %s%n   output: %s%n",
        db,
        args.get("jar"),
        out);

    // 1. The fake cluster.
    cluster = new FakeCluster();
    cluster.createDeployments(deployments);
    System.out.printf(
        Locale.ROOT,
        "   fake cluster %s: %d Deployments in namespace %s%n",
        cluster.url(),
        deployments,
        FakeCluster.NAMESPACE);

    // 2. The workflows.
    Path workflows = out.resolve("workflows");
    Files.createDirectories(workflows);
    Files.writeString(workflows.resolve(ONE + ".yaml"), Workflows.ONE);
    Files.writeString(workflows.resolve(THREE + ".yaml"), Workflows.THREE);

    // 3. The service.
    String token = "bench-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    String password = Long.toHexString(ThreadLocalRandom.current().nextLong());
    List<String> options = new ArrayList<>();
    options.add("-Xlog:gc:file=" + gcLog + ":timemillis");
    options.add("-Dquarkus.http.host=127.0.0.1");
    options.add("-Dquarkus.http.port=" + port);
    options.add("-Dquarkus.datasource.jdbc.url=" + required("jdbc-url"));
    if (args.containsKey("db-user")) {
      options.add("-Dquarkus.datasource.username=" + args.get("db-user"));
    }
    options.add("-Dremedy.webhook.token=" + token);
    options.add("-Dremedy.workflows.dir=" + workflows);
    options.add("-Dquarkus.kubernetes-client.api-server-url=" + cluster.url());
    options.add("-Dquarkus.kubernetes-client.namespace=" + FakeCluster.NAMESPACE);
    // A bearer token, as a deployment has from its service account (the fake cluster ignores it).
    // Without any credential, Fabric8's token refresh re-runs Config.autoConfigure (environment,
    // system properties, kubeconfig lookup) before every request once the client is a minute old:
    // ~10 % of the service's CPU in a profile of this benchmark, a cost no real deployment pays.
    options.add("-Dquarkus.kubernetes-client.token=bench-cluster-token");
    // The default budget (20 mutating actions per 10 minutes) would park nearly every run: off.
    options.add("-Dremedy.guards.max-actions-per-window=0");
    options.add("-Dremedy.engine.workers=" + workers);
    options.add("-Dquarkus.security.users.embedded.enabled=true");
    options.add("-Dquarkus.security.users.embedded.plain-text=true");
    options.add("-Dquarkus.security.users.embedded.users.bench=" + password);
    options.add("-Dquarkus.security.users.embedded.roles.bench=viewer");
    String serverOpts = env("SERVER_OPTS", "");
    if (!serverOpts.isEmpty()) {
      options.addAll(List.of(serverOpts.split("\\s+"))); // last: they override the above
    }
    Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
    service = Service.start(java, Path.of(required("jar")), options, out.resolve("server.log"));
    String base = "http://127.0.0.1:" + port;
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // what Alertmanager (Go net/http) speaks
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    service.awaitReady(http, base, Duration.ofSeconds(120));
    remedy = new Remedy(http, base, token, "bench", password, deployments);
    for (String w : List.of(ONE, THREE)) {
      if (remedy.get("/api/v1/workflows/" + w) == null) {
        throw new IllegalStateException(
            "workflow " + w + " is not in use; see GET /api/v1/workflows and " + workflows);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "   service ready (pid %d), %s; %d engine workers%n",
        service.pid(),
        required("jdbc-url"),
        workers);
    sanityCheck();

    long busy0 = Machine.busyTicks();
    Thread.sleep(2000);
    double busy = (Machine.busyTicks() - busy0) / Machine.HZ / 2;
    System.out.printf(Locale.ROOT, "   machine busy while idle: %.2f cores%n", busy);
    if (busy > 0.3) {
      System.err.println("   WARNING: something else is using the CPU; results will be skewed");
    }

    // 4. Warm-up: both workflows, not reported.
    System.out.printf(
        Locale.ROOT,
        "-- warmup (%.0f s at %.0f notifications/s, both workflows)%n",
        warmupS,
        warmupRate);
    OpenLoop.Result warm =
        OpenLoop.run(remedy, "warmup", warmupRate, warmupS, "BenchOne", "BenchThree");
    System.out.printf(
        Locale.ROOT, "   %d runs created; failures: %s%n", warm.created(), warm.failures());
    awaitIdle(drain);

    // 5. Alert received → first mutating call, at two rates.
    latency("latency-" + fmt(lowRate), lowRate, phaseWarmupS, lowS, drain);
    latency("latency-" + fmt(highRate), highRate, phaseWarmupS, highS, drain);

    // 6. Three-step runs completed per second.
    throughput("three-step", thruRate, thruS, thruSkipS, drain);

    // 7. Report.
    report(lowRate, highRate);
    return 0;
  }

  private void sanityCheck() throws Exception {
    for (String alertname : List.of("BenchOne", "BenchThree")) {
      var response = remedy.post(remedy.notification(alertname, "check")).get();
      String id = Remedy.createdRun(response.body()).orElse(null);
      if (response.statusCode() != 202 || id == null) {
        throw new IllegalStateException(
            alertname + " created no run: " + response.statusCode() + " " + response.body());
      }
      JsonNode run = null;
      for (int i = 0; i < 100; i++) {
        run = remedy.run(id);
        if (run != null && run.path("finishedAt").isTextual()) {
          break;
        }
        Thread.sleep(100);
      }
      if (run == null || !"succeeded".equals(run.path("status").asText())) {
        throw new IllegalStateException(
            "the first " + alertname + " run did not succeed within 10 s: " + run);
      }
    }
    System.out.println("   check: one run of each workflow succeeded against the fake cluster");
  }

  private void awaitIdle(Duration drain) throws Exception {
    if (!remedy.awaitIdle(drain, ONE, THREE)) {
      System.err.println("   WARNING: runs still active after " + drain + "; going on");
    }
    Thread.sleep(2000);
  }

  // ------------------------------------------------------------------ latency

  private void latency(String name, double rate, double leadS, double seconds, Duration drain)
      throws Exception {
    System.out.printf(
        Locale.ROOT,
        "-- %s: BenchOne, open loop %s notifications/s, %.0f s measured (after %.0f s)%n",
        name,
        fmt(rate),
        seconds,
        leadS);
    Window window = new Window(leadS, seconds);
    OpenLoop.Result result = OpenLoop.run(remedy, name, rate, leadS + seconds, "BenchOne");
    long measuredFrom = result.startNanos() + (long) (leadS * 1e9);
    List<OpenLoop.Sent> measured =
        result.sent().stream().filter(s -> s.scheduledNanos >= measuredFrom).toList();
    awaitIdle(drain);

    // Each run's first attempt, from the API.
    List<double[]> pairs = new ArrayList<>(); // {startedAt - sent, patch - sent}
    List<Double> webhook = new ArrayList<>();
    int noRun = 0;
    int noAttempt = 0;
    int failed = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<JsonNode>> details = new ArrayList<>();
      for (OpenLoop.Sent s : measured) {
        details.add(s.runId == null ? null : pool.submit(() -> remedy.run(s.runId)));
      }
      for (int i = 0; i < measured.size(); i++) {
        OpenLoop.Sent s = measured.get(i);
        if (s.runId == null) {
          noRun++;
          continue;
        }
        webhook.add(s.webhookMs());
        JsonNode run = details.get(i).get();
        if (run != null && !"succeeded".equals(run.path("status").asText())) {
          failed++;
        }
        Instant started = firstAttempt(run, "restart");
        if (started == null) {
          noAttempt++;
          continue;
        }
        double toStart = (OpenLoop.epochNanos(started) - s.scheduledEpochNanos) / 1e6;
        Long patch = cluster.firstPatchNanos(s.runId);
        double toPatch = patch == null ? Double.NaN : (patch - s.scheduledNanos) / 1e6;
        pairs.add(new double[] {toStart, toPatch});
      }
    }
    Stats started = Stats.of(pairs.stream().mapToDouble(p -> p[0]).toArray());
    Stats patch =
        Stats.of(pairs.stream().mapToDouble(p -> p[1]).filter(d -> !Double.isNaN(d)).toArray());
    Stats hook = Stats.of(webhook.stream().mapToDouble(Double::doubleValue).toArray());
    Machine.Cpu cpu = window.cpu();
    Machine.Gc gc = window.gc(gcLog);

    System.out.printf(Locale.ROOT, "   alert → attempt startedAt:  %s%n", started.describe());
    System.out.printf(Locale.ROOT, "   alert → PATCH at cluster:   %s%n", patch.describe());
    System.out.printf(Locale.ROOT, "   webhook 202:                %s%n", hook.describe());
    System.out.printf(
        Locale.ROOT,
        "   %d notifications measured: %d without a run (%s), %d runs without an attempt, %d runs"
            + " not succeeded%n",
        measured.size(),
        noRun,
        result.failures(),
        noAttempt,
        failed);
    System.out.printf(
        Locale.ROOT, "   CPU (cores): %s%n   service GC: %s%n", cpu.describe(), gc.describe());
    warnIfSkewed(cpu);

    latencyRows.add(
        row(
            name,
            db,
            fmt(rate) + "/s",
            Integer.toString(started.n()),
            ms(started.p50()),
            ms(started.p90()),
            ms(started.p99()),
            ms(started.max()),
            ms(patch.p50()),
            ms(patch.p99()),
            ms(hook.p99()),
            Integer.toString(noRun + noAttempt + failed),
            cores(cpu.service()),
            cores(cpu.harness()),
            cores(cpu.cluster()),
            cores(cpu.database()),
            cores(cpu.other()),
            ms(gc.maxMs())));
    results.add(
        String.format(
            Locale.ROOT,
            "RESULT label=%s db=%s rate=%s measured=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f"
                + " max_ms=%.2f patch_p50_ms=%.2f patch_p99_ms=%.2f webhook_p99_ms=%.2f"
                + " no_run=%d no_attempt=%d not_succeeded=%d server_cores=%.2f harness_cores=%.2f"
                + " cluster_cores=%.2f db_cores=%.2f other_cores=%.2f gc_max_ms=%.1f",
            name,
            db,
            fmt(rate),
            started.n(),
            started.p50(),
            started.p90(),
            started.p99(),
            started.max(),
            patch.p50(),
            patch.p99(),
            hook.p99(),
            noRun,
            noAttempt,
            failed,
            cpu.service(),
            cpu.harness(),
            cpu.cluster(),
            cpu.database(),
            cpu.other(),
            gc.maxMs()));
    boolean clean = noRun + noAttempt == 0;
    verdicts.add(
        verdict(
            String.format(Locale.ROOT, "p50 <= 25 ms at %s/s", fmt(rate)),
            clean && started.p50() <= 25,
            ms(started.p50()) + " ms"));
    verdicts.add(
        verdict(
            String.format(Locale.ROOT, "p99 <= 100 ms at %s/s", fmt(rate)),
            clean && started.p99() <= 100,
            ms(started.p99()) + " ms" + (clean ? "" : ", some notifications made no attempt")));
    verdicts.add(
        String.format(
            Locale.ROOT,
            "  (by the PATCH's arrival at the fake cluster instead: p50 %s ms, p99 %s ms at %s/s)",
            ms(patch.p50()),
            ms(patch.p99()),
            fmt(rate)));
  }

  /** startedAt of the first attempt of {@code step} in the run's main phase, or null. */
  private static Instant firstAttempt(JsonNode run, String step) {
    if (run == null) {
      return null;
    }
    for (JsonNode s : run.path("steps")) {
      if (step.equals(s.path("step").asText())
          && s.path("attempt").asInt() == 1
          && "steps".equals(s.path("phase").asText("steps"))
          && s.path("startedAt").isTextual()) {
        return Instant.parse(s.path("startedAt").asText());
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ throughput

  private void throughput(String name, double rate, double seconds, double skipS, Duration drain)
      throws Exception {
    System.out.printf(
        Locale.ROOT,
        "-- %s: BenchThree, open loop %s notifications/s for %.0f s; steady window from %.0f s to"
            + " the last send%n",
        name,
        fmt(rate),
        seconds,
        skipS);
    Window window = new Window(skipS, seconds - skipS);
    OpenLoop.Result result = OpenLoop.run(remedy, name, rate, seconds, "BenchThree");
    long sendEnd = result.endEpochNanos();
    System.out.printf(
        Locale.ROOT,
        "   sent %d, %d runs created; waiting for them to end (at most %s)%n",
        result.sent().size(),
        result.created(),
        drain);
    long waitFrom = System.nanoTime();
    boolean drained = remedy.awaitIdle(drain, THREE);
    double waitedS = (System.nanoTime() - waitFrom) / 1e9;

    Set<String> ids = new HashSet<>();
    for (OpenLoop.Sent s : result.sent()) {
      if (s.runId != null) {
        ids.add(s.runId);
      }
    }
    List<JsonNode> runs =
        remedy.runsSince(THREE, Instant.ofEpochSecond(0, result.startEpochNanos()).minusSeconds(5));
    long windowFrom = result.startEpochNanos() + (long) (skipS * 1e9);
    long windowTo = sendEnd;
    int inWindow = 0;
    int finishedBySendEnd = 0;
    int afterSendEnd = 0;
    long lastFinish = 0;
    int succeeded = 0;
    int ended = 0;
    List<Double> durations = new ArrayList<>();
    Map<Long, Integer> perSecond = new java.util.TreeMap<>();
    Map<String, Integer> statuses = new java.util.TreeMap<>();
    for (JsonNode r : runs) {
      if (!ids.contains(r.path("id").asText())) {
        continue;
      }
      String status = r.path("status").asText();
      statuses.merge(status, 1, Integer::sum);
      if (!r.path("finishedAt").isTextual()) {
        continue;
      }
      ended++;
      if ("succeeded".equals(status)) {
        succeeded++;
      }
      long finished = OpenLoop.epochNanos(Instant.parse(r.path("finishedAt").asText()));
      long created = OpenLoop.epochNanos(Instant.parse(r.path("createdAt").asText()));
      durations.add((finished - created) / 1e6);
      lastFinish = Math.max(lastFinish, finished);
      if (finished >= windowFrom && finished < windowTo) {
        inWindow++;
      }
      if (finished < sendEnd) {
        finishedBySendEnd++;
      } else {
        afterSendEnd++;
      }
      perSecond.merge((finished - result.startEpochNanos()) / 1_000_000_000L, 1, Integer::sum);
    }
    int created = ids.size();
    double steady = inWindow / ((windowTo - windowFrom) / 1e9);
    int backlog = created - finishedBySendEnd;
    double drainRate =
        afterSendEnd > 0 && lastFinish > sendEnd
            ? afterSendEnd / ((lastFinish - sendEnd) / 1e9)
            : 0;
    double successPct = created == 0 ? 0 : 100.0 * succeeded / created;
    Stats duration = Stats.of(durations.stream().mapToDouble(Double::doubleValue).toArray());
    Machine.Cpu cpu = window.cpu();
    Machine.Gc gc = window.gc(gcLog);
    boolean saturated = backlog >= rate; // at least a second of arrivals still waiting

    System.out.printf(
        Locale.ROOT,
        "   completed in the steady window: %.1f runs/s; backlog at the last send: %d runs;"
            + " after it: %d runs at %.1f runs/s%n",
        steady,
        backlog,
        afterSendEnd,
        drainRate);
    System.out.printf(
        Locale.ROOT,
        "   %d of %d runs succeeded (%.2f%%), statuses %s; %s%n",
        succeeded,
        created,
        successPct,
        statuses,
        drained
            ? String.format(Locale.ROOT, "all ended %.0f s after the last send", waitedS)
            : "NOT all ended within " + drain);
    System.out.printf(
        Locale.ROOT,
        "   run duration (createdAt → finishedAt): %s%n   notifications without a run: %s%n",
        duration.describe(),
        result.failures());
    StringBuilder timeline = new StringBuilder("   completions per second from the first send:");
    perSecond.forEach((s, n) -> timeline.append(' ').append(s).append(':').append(n));
    System.out.println(timeline);
    System.out.printf(
        Locale.ROOT, "   CPU (cores): %s%n   service GC: %s%n", cpu.describe(), gc.describe());
    System.out.printf(
        Locale.ROOT,
        "   fake cluster: %d requests, %d patches in all so far%n",
        cluster.requests(),
        cluster.patches());
    warnIfSkewed(cpu);
    if (!saturated) {
      System.err.printf(
          Locale.ROOT,
          "   WARNING: the engine kept up with %s/s (backlog %d): completions/s is the offered"
              + " rate, not the engine's maximum; raise THRU_RATE%n",
          fmt(rate),
          backlog);
    }

    throughputRows.add(
        row(
            name,
            db,
            fmt(rate) + "/s × " + fmt(seconds) + " s",
            Integer.toString(created),
            String.format(Locale.ROOT, "%.1f", steady) + (saturated ? "" : " (not saturated)"),
            String.format(Locale.ROOT, "%.1f", drainRate),
            Integer.toString(backlog),
            String.format(Locale.ROOT, "%.2f%%", successPct),
            String.format(Locale.ROOT, "%.2f", duration.p50() / 1000),
            String.format(Locale.ROOT, "%.2f", duration.p99() / 1000),
            cores(cpu.service()),
            cores(cpu.harness()),
            cores(cpu.cluster()),
            cores(cpu.database()),
            cores(cpu.other()),
            ms(gc.maxMs())));
    results.add(
        String.format(
            Locale.ROOT,
            "RESULT label=%s db=%s rate=%s duration_s=%s created=%d steady_runs_per_s=%.1f"
                + " drain_runs_per_s=%.1f backlog=%d saturated=%s succeeded=%d success_pct=%.2f"
                + " run_p50_ms=%.0f run_p99_ms=%.0f server_cores=%.2f harness_cores=%.2f"
                + " cluster_cores=%.2f db_cores=%.2f other_cores=%.2f gc_max_ms=%.1f",
            name,
            db,
            fmt(rate),
            fmt(seconds),
            created,
            steady,
            drainRate,
            backlog,
            saturated,
            succeeded,
            successPct,
            duration.p50(),
            duration.p99(),
            cpu.service(),
            cpu.harness(),
            cpu.cluster(),
            cpu.database(),
            cpu.other(),
            gc.maxMs()));
    String value = String.format(Locale.ROOT, "%.1f runs/s, %.2f%% succeeded", steady, successPct);
    if (db.equals("postgresql")) {
      verdicts.add(verdict(">= 300 three-step runs/s (PostgreSQL)", steady >= 300, value));
    } else {
      verdicts.add(
          String.format(
              Locale.ROOT, "target >= 300 three-step runs/s is for PostgreSQL; %s: %s", db, value));
    }
  }

  // ------------------------------------------------------------------ report

  private void report(double lowRate, double highRate) throws IOException {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "== %s — %d cores shared by the service, the harness (load + fake cluster) and the"
            + " database; %s%n",
        db,
        Runtime.getRuntime().availableProcessors(),
        Instant.now());
    List<String> table = new ArrayList<>();
    table.add(
        row(
            "phase",
            "store",
            "rate",
            "runs",
            "p50 ms",
            "p90 ms",
            "p99 ms",
            "max ms",
            "PATCH p50",
            "PATCH p99",
            "202 p99",
            "bad",
            "cpu svc",
            "cpu bench",
            "cpu cluster",
            "cpu db",
            "cpu other",
            "GC max ms"));
    table.add(separator(18));
    table.addAll(latencyRows);
    table.add("");
    table.add(
        row(
            "phase",
            "store",
            "offered",
            "runs",
            "completed/s",
            "drain/s",
            "backlog",
            "succeeded",
            "run p50 s",
            "run p99 s",
            "cpu svc",
            "cpu bench",
            "cpu cluster",
            "cpu db",
            "cpu other",
            "GC max ms"));
    table.add(separator(16));
    table.addAll(throughputRows);
    table.forEach(System.out::println);
    System.out.println(
        "latency: alert sent (scheduled) → first attempt startedAt (API); PATCH: → the restart"
            + " PATCH reached the fake cluster; 202: the webhook's answer; bad: no run, no attempt"
            + " or not succeeded; cpu in cores: bench = this harness (load and fake cluster),"
            + " cluster = the fake cluster's share of it");
    verdicts.forEach(System.out::println);
    Files.write(out.resolve("table.md"), table);
    Files.write(out.resolve("results.txt"), results);
    System.out.println("raw results and server log: " + out);
  }

  private static String verdict(String target, boolean met, String value) {
    return String.format(
        Locale.ROOT, "target %-42s %s (%s)", target + ":", met ? "MET" : "MISSED", value);
  }

  private void warnIfSkewed(Machine.Cpu cpu) {
    if (cpu.other() > 0.15) {
      System.err.println(
          "   WARNING: other processes used CPU during this phase; the figures are skewed");
    }
  }

  private static String row(String... cells) {
    StringBuilder b = new StringBuilder("|");
    for (String c : cells) {
      b.append(' ').append(c).append(" |");
    }
    return b.toString();
  }

  private static String separator(int n) {
    return "|" + "---|".repeat(n);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String cores(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private void stop() {
    if (service != null) {
      service.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  // ------------------------------------------------------------------ measured windows

  /** CPU and GC over a window that opens {@code delayS} from now and lasts {@code lengthS}. */
  private final class Window {
    private volatile Machine.Reading first;
    private volatile Machine.Reading last;
    private volatile long fromMs;
    private volatile long toMs;
    private final Thread sampler;

    private Window(double delayS, double lengthS) {
      long open = System.nanoTime() + 50_000_000L + (long) (delayS * 1e9);
      long close = open + (long) (lengthS * 1e9);
      sampler =
          Thread.ofPlatform()
              .daemon()
              .name("cpu-sampler")
              .start(
                  () -> {
                    try {
                      sleepUntil(open);
                      fromMs = System.currentTimeMillis();
                      first = Machine.read(service, db.equals("postgresql"));
                      sleepUntil(close);
                      toMs = System.currentTimeMillis();
                      last = Machine.read(service, db.equals("postgresql"));
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
    }

    Machine.Cpu cpu() throws InterruptedException {
      sampler.join();
      return Machine.between(first, last);
    }

    Machine.Gc gc(Path log) throws InterruptedException {
      sampler.join();
      return Machine.pauses(log, fromMs, toMs);
    }
  }

  private static void sleepUntil(long deadline) throws InterruptedException {
    long now;
    while ((now = System.nanoTime()) < deadline) {
      Thread.sleep(Duration.ofNanos(Math.min(deadline - now, 100_000_000L)));
    }
  }
}
