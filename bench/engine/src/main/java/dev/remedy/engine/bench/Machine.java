package dev.remedy.engine.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU use of the service, this harness (load generator and fake cluster), PostgreSQL and everything
 * else on the machine over a window, from /proc; and the service's GC pauses from its {@code
 * -Xlog:gc} file. The 2 cores are shared by all of them, so every phase says who used what.
 */
final class Machine {

  /** Clock ticks per second of /proc (USER_HZ: 100 on Linux everywhere that matters). */
  static final double HZ = 100.0;

  private static final Pattern GC_PAUSE = Pattern.compile("^\\[(\\d+)ms\\].*Pause.* ([0-9.]+)ms$");

  private Machine() {}

  /** A reading at one moment. */
  record Reading(
      long nanos, long service, long harnessNanos, long clusterNanos, long database, long busy) {}

  /**
   * Cores used over a window. {@code harness} is this whole process (load generator, fake cluster,
   * sampling); {@code cluster} the part of it spent in the fake cluster's Vert.x threads.
   */
  record Cpu(double service, double harness, double cluster, double database, double other) {
    String describe() {
      return String.format(
          Locale.ROOT,
          "service %.2f, harness %.2f (fake cluster %.2f of it), database %.2f, other %.2f",
          service,
          harness,
          cluster,
          database,
          other);
    }
  }

  /**
   * {@code database}: whether the PostgreSQL processes are the database under test (with H2 they
   * are someone else's, counted as other).
   */
  static Reading read(Service service, boolean database) {
    return new Reading(
        System.nanoTime(),
        service.cpuTicks(),
        harnessCpuNanos(),
        clusterCpuNanos(),
        database ? databaseTicks() : 0,
        busyTicks());
  }

  static Cpu between(Reading a, Reading b) {
    double seconds = (b.nanos - a.nanos) / 1e9;
    double service = (b.service - a.service) / HZ / seconds;
    double harness = (b.harnessNanos - a.harnessNanos) / 1e9 / seconds;
    double cluster = (b.clusterNanos - a.clusterNanos) / 1e9 / seconds;
    // Processes that ended inside the window take their ticks with them: never below 0.
    double database = Math.max(0, (b.database - a.database) / HZ / seconds);
    double busy = (b.busy - a.busy) / HZ / seconds;
    return new Cpu(
        service, harness, cluster, database, Math.max(0, busy - service - harness - database));
  }

  /** CPU of the fake cluster: the mock server's Vert.x event-loop and worker threads. */
  private static long clusterCpuNanos() {
    var threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("vert.x-")) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  static long processTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command (which may hold spaces) start after the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long harnessCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU of every process named postgres (0 when none runs, as with H2). */
  private static long databaseTicks() {
    long sum = 0;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        try {
          if (Files.readString(p.resolve("comm")).strip().equals("postgres")) {
            sum += processTicks(Long.parseLong(p.getFileName().toString()));
          }
        } catch (IOException | RuntimeException e) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return sum;
  }

  /** Busy ticks of the whole machine (user, nice, system, irq, softirq, steal). */
  static long busyTicks() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("cpu ")) {
          String[] f = line.trim().split("\\s+");
          return Long.parseLong(f[1])
              + Long.parseLong(f[2])
              + Long.parseLong(f[3])
              + Long.parseLong(f[6])
              + Long.parseLong(f[7])
              + Long.parseLong(f[8]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return 0;
  }

  /** GC pauses of the service between two wall-clock instants (epoch ms): count, total, max. */
  record Gc(int pauses, double totalMs, double maxMs) {
    String describe() {
      return String.format(
          Locale.ROOT, "%d pauses, %.0f ms in total, longest %.1f ms", pauses, totalMs, maxMs);
    }
  }

  static Gc pauses(Path gcLog, long fromEpochMs, long toEpochMs) {
    int n = 0;
    double total = 0;
    double max = 0;
    try {
      List<String> lines = Files.readAllLines(gcLog);
      for (String line : lines) {
        Matcher m = GC_PAUSE.matcher(line);
        if (!m.find()) {
          continue;
        }
        long at = Long.parseLong(m.group(1));
        if (at < fromEpochMs || at > toEpochMs) {
          continue;
        }
        double ms = Double.parseDouble(m.group(2));
        n++;
        total += ms;
        max = Math.max(max, ms);
      }
    } catch (IOException | RuntimeException e) {
      // no GC log
    }
    return new Gc(n, total, max);
  }
}
