import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generator for remedy's Alertmanager webhook (bench/run.sh drives it; BENCHMARKS.md has the
 * figures). Single file, JDK only:
 *
 * <pre>
 *   java --source 21 bench/AlertLoad.java --url http://127.0.0.1:18080/webhooks/alertmanager \
 *       --token bench --mode closed --concurrency 16 --warmup 5 --duration 25
 *   java --source 21 bench/AlertLoad.java --url ... --mode open --rate 500 --warmup 5 --duration 25
 * </pre>
 *
 * <p>Every request is an Alertmanager webhook payload version 4 carrying {@code --alerts} (10)
 * firing alerts whose fingerprints are new (a bijective mix of a per-run random seed and a counter,
 * so unique within a run and practically across runs): each alert is a new alert state the service
 * has to store.
 *
 * <ul>
 *   <li>{@code closed}: {@code --concurrency} workers send back to back, as fast as the server
 *       answers. Measures the maximum throughput. Latency is per request.
 *   <li>{@code open}: a fixed arrival rate ({@code --rate} notifications/s), independent of how
 *       fast the server answers. Latency is measured from the <em>scheduled</em> send time, so a
 *       stalled server is charged for the requests that queued behind the stall (no coordinated
 *       omission). {@code --concurrency} is the number of senders available to keep the schedule.
 * </ul>
 *
 * <p>Only responses with status 202 count as accepted; other statuses and I/O failures are counted
 * and reported separately, and the latency percentiles are over the 202 responses. Every loop is
 * bounded by {@code --warmup + --duration} (plus {@code --timeout} to drain): the program stops by
 * itself. It refuses any host other than 127.0.0.1 / localhost.
 *
 * <p>The last output line is machine readable: {@code RESULT key=value ...}.
 */
public class AlertLoad {

  // ------------------------------------------------------------------------------ options

  record Options(
      URI url,
      String token,
      String mode,
      int concurrency,
      double rate,
      double durationS,
      double warmupS,
      int alerts,
      double timeoutS,
      String label,
      boolean timeline) {

    static Options parse(String[] args) {
      Map<String, String> o = new TreeMap<>();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("-h") || a.equals("--help")) {
          usage(null);
        }
        if (a.equals("--timeline")) {
          o.put("timeline", "true");
          continue;
        }
        if (!a.startsWith("--")) {
          usage("unexpected argument " + a);
        }
        String key = a.substring(2);
        String value;
        int eq = key.indexOf('=');
        if (eq >= 0) {
          value = key.substring(eq + 1);
          key = key.substring(0, eq);
        } else {
          if (i + 1 >= args.length) {
            usage("missing value for " + a);
          }
          value = args[++i];
        }
        o.put(key, value);
      }
      for (String key : o.keySet()) {
        if (!List.of(
                "url",
                "token",
                "mode",
                "concurrency",
                "rate",
                "duration",
                "warmup",
                "alerts",
                "timeout",
                "label",
                "timeline")
            .contains(key)) {
          usage("unknown option --" + key);
        }
      }
      URI url = URI.create(o.getOrDefault("url", "http://127.0.0.1:8080/webhooks/alertmanager"));
      String host = url.getHost();
      if (!"http".equals(url.getScheme())
          || host == null
          || !(host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost"))) {
        usage("--url must be http://127.0.0.1:<port>/...; this tool only loads the local machine");
      }
      String mode = o.getOrDefault("mode", "closed");
      if (!mode.equals("closed") && !mode.equals("open")) {
        usage("--mode must be closed or open");
      }
      Options options =
          new Options(
              url,
              o.getOrDefault("token", ""),
              mode,
              Integer.parseInt(o.getOrDefault("concurrency", mode.equals("open") ? "64" : "16")),
              Double.parseDouble(o.getOrDefault("rate", "500")),
              Double.parseDouble(o.getOrDefault("duration", "20")),
              Double.parseDouble(o.getOrDefault("warmup", "5")),
              Integer.parseInt(o.getOrDefault("alerts", "10")),
              Double.parseDouble(o.getOrDefault("timeout", "10")),
              o.getOrDefault("label", mode),
              o.containsKey("timeline"));
      if (options.concurrency < 1 || options.concurrency > 1024) {
        usage("--concurrency must be 1..1024");
      }
      if (options.durationS <= 0 || options.durationS > 3600 || options.warmupS < 0) {
        usage("--duration must be in (0, 3600] seconds and --warmup >= 0");
      }
      if (options.rate <= 0 || options.rate > 100_000) {
        usage("--rate must be in (0, 100000] notifications/s");
      }
      if (options.alerts < 1 || options.alerts > 1000) {
        usage("--alerts must be 1..1000");
      }
      if (options.timeoutS <= 0 || options.timeoutS > 60) {
        usage("--timeout must be in (0, 60] seconds");
      }
      return options;
    }

    static void usage(String error) {
      if (error != null) {
        System.err.println("AlertLoad: " + error);
      }
      System.err.println(
          """
          usage: java --source 21 bench/AlertLoad.java [options]
            --url URL          target (default http://127.0.0.1:8080/webhooks/alertmanager);
                               only 127.0.0.1 / localhost
            --token TOKEN      sent as Authorization: Bearer TOKEN (default: none)
            --mode closed|open closed: --concurrency workers back to back (max throughput)
                               open: --rate notifications/s on a fixed schedule (latency)
            --concurrency N    workers (default 16 closed, 64 open)
            --rate R           notifications/s in open mode (default 500)
            --warmup S         seconds of load before measuring (default 5)
            --duration S       measured seconds (default 20)
            --alerts N         alerts per notification (default 10)
            --timeout S        per-request timeout, also the drain bound (default 10)
            --label TEXT       name printed in the RESULT line (default: the mode)
            --timeline         also print, per measured second, the 202 count and worst latency
          """);
      System.exit(error == null ? 0 : 2);
    }
  }

  // ------------------------------------------------------------------------------ payloads

  /** Builds Alertmanager v4 notifications shaped like kube-prometheus ones. */
  static final class Payloads {

    private static final String[][] RULES = {
      // alertname, severity, summary, container
      {"KubePodCrashLooping", "warning", "Pod is crash looping.", "app"},
      {
        "KubePodNotReady",
        "warning",
        "Pod has been in a non-ready state for more than 15 minutes.",
        "app"
      },
      {"KubeContainerWaiting", "warning", "Pod container waiting longer than 1 hour", "sidecar"},
      {
        "KubeDeploymentReplicasMismatch",
        "warning",
        "Deployment has not matched the expected number of replicas.",
        "app"
      },
      {"ContainerOOMKilled", "critical", "Container was OOM killed.", "app"},
      {"HighErrorRate", "critical", "More than 5% of requests fail.", "http"},
    };
    private static final String[] NAMESPACES = {
      "prod", "payments", "checkout", "search", "identity", "monitoring", "ingest", "batch"
    };
    private static final String[] DEPLOYMENTS = {
      "api", "web", "worker", "gateway", "indexer", "scheduler", "auth", "billing"
    };
    private static final String POD_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    private final long seed;
    private final AtomicLong alertCounter = new AtomicLong();
    private final int alertsPerNotification;

    Payloads(int alertsPerNotification) {
      this.alertsPerNotification = alertsPerNotification;
      this.seed = ThreadLocalRandom.current().nextLong() ^ System.nanoTime();
    }

    /** SplitMix64 finaliser: a bijection on 64 bits, so distinct counters give distinct prints. */
    private static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      return z ^ (z >>> 31);
    }

    String next() {
      ThreadLocalRandom rnd = ThreadLocalRandom.current();
      String[] rule = RULES[rnd.nextInt(RULES.length)];
      String alertname = rule[0];
      String severity = rule[1];
      String namespace = NAMESPACES[rnd.nextInt(NAMESPACES.length)];
      String deployment = DEPLOYMENTS[rnd.nextInt(DEPLOYMENTS.length)];
      String replicaSet = deployment + "-" + randomChars(rnd, 10);
      long firstAlert = alertCounter.getAndAdd(alertsPerNotification);
      Instant now = Instant.now();
      String groupKey =
          "{}/{severity=\""
              + severity
              + "\"}:{alertname=\""
              + alertname
              + "\", namespace=\""
              + namespace
              + "\"}";

      StringBuilder b = new StringBuilder(700 * alertsPerNotification + 800);
      b.append("{\"receiver\":\"remedy\",\"status\":\"firing\",\"alerts\":[");
      for (int i = 0; i < alertsPerNotification; i++) {
        String fingerprint = String.format("%016x", mix(seed + firstAlert + i));
        String pod = replicaSet + "-" + randomChars(rnd, 5);
        // Alertmanager sends startsAt with nanoseconds (Go RFC3339Nano, trailing zeros trimmed).
        Instant startsAt =
            now.minusSeconds(60 + rnd.nextInt(3600)).plusNanos(rnd.nextInt(1_000_000_000));
        if (i > 0) {
          b.append(',');
        }
        b.append("{\"status\":\"firing\",\"labels\":{");
        field(b, "alertname", alertname).append(',');
        field(b, "container", rule[3]).append(',');
        field(b, "endpoint", "http").append(',');
        field(b, "job", "kube-state-metrics").append(',');
        field(b, "namespace", namespace).append(',');
        field(b, "pod", pod).append(',');
        field(b, "prometheus", "monitoring/k8s").append(',');
        field(b, "service", "kube-state-metrics").append(',');
        field(b, "severity", severity);
        b.append("},\"annotations\":{");
        field(
                b,
                "description",
                "Pod "
                    + namespace
                    + "/"
                    + pod
                    + " ("
                    + rule[3]
                    + ") "
                    + rule[2].toLowerCase(Locale.ROOT)
                    + " Value: "
                    + (1 + rnd.nextInt(20))
                    + ".")
            .append(',');
        field(
                b,
                "runbook_url",
                "https://runbooks.prometheus-operator.dev/runbooks/kubernetes/"
                    + alertname.toLowerCase(Locale.ROOT))
            .append(',');
        field(b, "summary", rule[2]);
        b.append("},");
        field(b, "startsAt", rfc3339Nano(startsAt)).append(',');
        field(b, "endsAt", "0001-01-01T00:00:00Z").append(',');
        field(
                b,
                "generatorURL",
                "http://prometheus-k8s-0:9090/graph?g0.expr=increase%28kube_pod_container_status_restarts_total%7Bjob%3D%22kube-state-metrics%22%7D%5B10m%5D%29+%3E+0&g0.tab=1")
            .append(',');
        field(b, "fingerprint", fingerprint);
        b.append('}');
      }
      b.append("],\"groupLabels\":{");
      field(b, "alertname", alertname).append(',');
      field(b, "namespace", namespace);
      b.append("},\"commonLabels\":{");
      field(b, "alertname", alertname).append(',');
      field(b, "container", rule[3]).append(',');
      field(b, "endpoint", "http").append(',');
      field(b, "job", "kube-state-metrics").append(',');
      field(b, "namespace", namespace).append(',');
      field(b, "prometheus", "monitoring/k8s").append(',');
      field(b, "service", "kube-state-metrics").append(',');
      field(b, "severity", severity);
      b.append("},\"commonAnnotations\":{");
      field(
              b,
              "runbook_url",
              "https://runbooks.prometheus-operator.dev/runbooks/kubernetes/"
                  + alertname.toLowerCase(Locale.ROOT))
          .append(',');
      field(b, "summary", rule[2]);
      b.append("},");
      field(b, "externalURL", "http://alertmanager-main-0:9093").append(',');
      field(b, "version", "4").append(',');
      field(b, "groupKey", groupKey).append(',');
      b.append("\"truncatedAlerts\":0}");
      return b.toString();
    }

    private static String randomChars(ThreadLocalRandom rnd, int n) {
      char[] c = new char[n];
      for (int i = 0; i < n; i++) {
        c[i] = POD_CHARS.charAt(rnd.nextInt(POD_CHARS.length()));
      }
      return new String(c);
    }

    static String rfc3339Nano(Instant t) {
      String s = t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(); // ...:ssZ
      int nanos = t.getNano();
      if (nanos == 0) {
        return s;
      }
      String frac = String.format("%09d", nanos).replaceFirst("0+$", "");
      return s.substring(0, s.length() - 1) + "." + frac + "Z";
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
      b.append('"').append(name).append("\":\"");
      for (int i = 0; i < value.length(); i++) {
        char ch = value.charAt(i);
        switch (ch) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          default -> {
            if (ch < 0x20) {
              b.append(String.format("\\u%04x", (int) ch));
            } else {
              b.append(ch);
            }
          }
        }
      }
      return b.append('"');
    }
  }

  // ------------------------------------------------------------------------------ recording

  /** What one worker saw in the measured window; merged at the end (no shared hot counters). */
  static final class Recorder {
    long[] latencies = new long[4096]; // nanoseconds, 202 responses only
    int n;
    long accepted; // 202
    long newStates; // sum of "newAlertStates" in 202 bodies, when the endpoint reports it
    boolean sawNewStates;
    final Map<Integer, Long> otherStatus = new TreeMap<>();
    final Map<String, Long> failures = new TreeMap<>();
    long attempts;
    final long measureStart;
    final long[] perSecondCount;
    final long[] perSecondMax;

    Recorder(long measureStart, int seconds) {
      this.measureStart = measureStart;
      this.perSecondCount = new long[seconds];
      this.perSecondMax = new long[seconds];
    }

    /** {@code from}: when the request was sent (closed) or scheduled (open). */
    void ok(long from, long latencyNanos, String body) {
      int second =
          (int)
              Math.min(
                  perSecondCount.length - 1, Math.max(0, (from - measureStart) / 1_000_000_000L));
      perSecondCount[second]++;
      perSecondMax[second] = Math.max(perSecondMax[second], latencyNanos);
      if (n == latencies.length) {
        latencies = Arrays.copyOf(latencies, n * 2);
      }
      latencies[n++] = latencyNanos;
      accepted++;
      int at = body.indexOf("\"newAlertStates\":");
      if (at >= 0) {
        sawNewStates = true;
        int i = at + "\"newAlertStates\":".length();
        int v = 0;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
          v = v * 10 + (body.charAt(i++) - '0');
        }
        newStates += v;
      }
    }

    void merge(Recorder r) {
      if (n + r.n > latencies.length) {
        latencies = Arrays.copyOf(latencies, n + r.n);
      }
      System.arraycopy(r.latencies, 0, latencies, n, r.n);
      n += r.n;
      accepted += r.accepted;
      newStates += r.newStates;
      sawNewStates |= r.sawNewStates;
      attempts += r.attempts;
      for (int i = 0; i < perSecondCount.length; i++) {
        perSecondCount[i] += r.perSecondCount[i];
        perSecondMax[i] = Math.max(perSecondMax[i], r.perSecondMax[i]);
      }
      r.otherStatus.forEach((k, v) -> otherStatus.merge(k, v, Long::sum));
      r.failures.forEach((k, v) -> failures.merge(k, v, Long::sum));
    }
  }

  // ------------------------------------------------------------------------------ main

  public static void main(String[] args) throws Exception {
    Options opt = Options.parse(args);
    Payloads payloads = new Payloads(opt.alerts);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // what Alertmanager (Go net/http) speaks
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Duration timeout = Duration.ofMillis((long) (opt.timeoutS * 1000));

    long warmupNs = (long) (opt.warmupS * 1e9);
    long durationNs = (long) (opt.durationS * 1e9);
    long drainNs = (long) (opt.timeoutS * 1e9) + 1_000_000_000L;
    long start = System.nanoTime() + 100_000_000L; // let the workers start first
    long measureStart = start + warmupNs;
    long measureEnd = measureStart + durationNs;
    long hardStop = measureEnd + drainNs;

    System.out.printf(
        Locale.ROOT,
        "AlertLoad %s: %s, %d alerts/notification, %s, warmup %.0fs, measure %.0fs%n",
        opt.label,
        opt.url,
        opt.alerts,
        opt.mode.equals("open")
            ? String.format(
                Locale.ROOT,
                "open loop %.0f notifications/s (%d senders)",
                opt.rate,
                opt.concurrency)
            : "closed loop, " + opt.concurrency + " workers",
        opt.warmupS,
        opt.durationS);

    int seconds = (int) Math.ceil(opt.durationS);
    Recorder[] recorders = new Recorder[opt.concurrency];
    Thread[] workers = new Thread[opt.concurrency];
    AtomicLong slot = new AtomicLong();
    double intervalNs = 1e9 / opt.rate;
    long totalSlots = (long) Math.floor((warmupNs + durationNs) / intervalNs);
    long firstMeasuredSlot = (long) Math.ceil(warmupNs / intervalNs);

    for (int w = 0; w < opt.concurrency; w++) {
      Recorder rec = recorders[w] = new Recorder(measureStart, seconds);
      Runnable loop =
          opt.mode.equals("closed")
              ? () -> {
                long now;
                while ((now = System.nanoTime()) < start) {
                  LockSupport.parkNanos(start - now);
                }
                while (true) {
                  long t0 = System.nanoTime();
                  if (t0 >= measureEnd) {
                    return;
                  }
                  boolean measured = t0 >= measureStart;
                  send(client, opt, timeout, payloads.next(), rec, t0, measured, measureEnd);
                }
              }
              : () -> {
                while (true) {
                  long i = slot.getAndIncrement();
                  if (i >= totalSlots) {
                    return;
                  }
                  long scheduled = start + (long) (i * intervalNs);
                  String body = payloads.next();
                  long now;
                  while ((now = System.nanoTime()) < scheduled) {
                    LockSupport.parkNanos(scheduled - now);
                  }
                  if (now >= hardStop) {
                    return; // far behind schedule: the remaining slots are reported as unsent
                  }
                  boolean measured = i >= firstMeasuredSlot;
                  send(client, opt, timeout, body, rec, scheduled, measured, Long.MAX_VALUE);
                }
              };
      workers[w] = Thread.ofPlatform().daemon().name("load-" + w).start(loop);
    }

    // Client CPU use over the measured window: the generator shares the machine with the server.
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    sleepUntil(measureStart);
    long cpu0 = os.getProcessCpuTime();
    System.out.println("  measuring"); // bench/run.sh aligns its CPU sampling on this line
    System.out.flush();
    long wall0 = System.nanoTime();
    sleepUntil(measureEnd);
    long cpu1 = os.getProcessCpuTime();
    long wall1 = System.nanoTime();
    double clientCores = (cpu1 - cpu0) / (double) (wall1 - wall0);

    for (Thread t : workers) {
      long left = hardStop + drainNs - System.nanoTime();
      if (left > 0) {
        t.join(Duration.ofNanos(left));
      }
    }

    Recorder all = new Recorder(measureStart, seconds);
    for (Recorder r : recorders) {
      all.merge(r);
    }
    long measuredSlots = totalSlots - firstMeasuredSlot;
    long unsent = opt.mode.equals("open") ? Math.max(0, measuredSlots - all.attempts) : 0;
    report(opt, all, unsent, clientCores);
    System.exit(0); // daemon workers still blocked past the hard stop, if any, end here
  }

  private static void send(
      HttpClient client,
      Options opt,
      Duration timeout,
      String body,
      Recorder rec,
      long from,
      boolean measured,
      long countIfDoneBefore) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(opt.url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Alertmanager/0.28.1")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!opt.token.isEmpty()) {
      request.header("Authorization", "Bearer " + opt.token);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      long done = System.nanoTime();
      if (!measured || done > countIfDoneBefore) {
        return;
      }
      rec.attempts++;
      if (response.statusCode() == 202) {
        rec.ok(from, done - from, response.body());
      } else {
        rec.otherStatus.merge(response.statusCode(), 1L, Long::sum);
      }
    } catch (IOException e) {
      if (measured && System.nanoTime() <= countIfDoneBefore) {
        rec.attempts++;
        String why =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        rec.failures.merge(why.length() > 80 ? why.substring(0, 80) : why, 1L, Long::sum);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepUntil(long deadline) throws InterruptedException {
    long now;
    while ((now = System.nanoTime()) < deadline) {
      Thread.sleep(Duration.ofNanos(Math.min(deadline - now, 100_000_000L)));
    }
  }

  private static double percentileMs(long[] sorted, int n, double p) {
    if (n == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * n) - 1;
    return sorted[Math.max(0, Math.min(n - 1, index))] / 1e6;
  }

  private static void report(Options opt, Recorder all, long unsent, double clientCores) {
    long[] lat = Arrays.copyOf(all.latencies, all.n);
    Arrays.sort(lat);
    double seconds = opt.durationS;
    double notifPerS = all.accepted / seconds;
    double alertsPerS = all.accepted * opt.alerts / seconds;
    long other = all.otherStatus.values().stream().mapToLong(Long::longValue).sum();
    long failed = all.failures.values().stream().mapToLong(Long::longValue).sum();
    double p50 = percentileMs(lat, all.n, 50);
    double p90 = percentileMs(lat, all.n, 90);
    double p99 = percentileMs(lat, all.n, 99);
    double max = all.n == 0 ? Double.NaN : lat[all.n - 1] / 1e6;

    System.out.printf(
        Locale.ROOT,
        "  accepted (202):   %d notifications = %.1f notifications/s, %.0f alerts/s%n",
        all.accepted,
        notifPerS,
        alertsPerS);
    if (all.sawNewStates) {
      System.out.printf(
          Locale.ROOT,
          "  new alert states: %d (%.0f/s, as reported in the 202 bodies)%n",
          all.newStates,
          all.newStates / seconds);
    }
    System.out.printf(
        Locale.ROOT,
        "  latency (202%s): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        opt.mode.equals("open") ? ", from scheduled send time" : "",
        p50,
        p90,
        p99,
        max);
    System.out.printf(
        Locale.ROOT,
        "  not accepted:     %d other status %s, %d failed %s%s%n",
        other,
        all.otherStatus,
        failed,
        all.failures,
        opt.mode.equals("open") ? ", " + unsent + " scheduled but never sent" : "");
    System.out.printf(Locale.ROOT, "  load generator:   %.2f cores of CPU%n", clientCores);
    if (opt.timeline) {
      System.out.println("  second  202s  worst ms");
      for (int i = 0; i < all.perSecondCount.length; i++) {
        System.out.printf(
            Locale.ROOT, "  %6d %5d %9.1f%n", i, all.perSecondCount[i], all.perSecondMax[i] / 1e6);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT label=%s mode=%s concurrency=%d rate=%s duration_s=%.0f accepted=%d"
            + " notif_per_s=%.1f alerts_per_s=%.0f new_states=%s p50_ms=%.2f p90_ms=%.2f"
            + " p99_ms=%.2f max_ms=%.2f non202=%d failed=%d unsent=%d client_cores=%.2f%n",
        opt.label,
        opt.mode,
        opt.concurrency,
        opt.mode.equals("open") ? String.format(Locale.ROOT, "%.0f", opt.rate) : "-",
        seconds,
        all.accepted,
        notifPerS,
        alertsPerS,
        all.sawNewStates ? Long.toString(all.newStates) : "-",
        p50,
        p90,
        p99,
        max,
        other,
        failed,
        unsent,
        clientCores);
  }
}
