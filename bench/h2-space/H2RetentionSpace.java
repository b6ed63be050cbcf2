import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What retention does to the size of remedy's H2 file (docs/design/004-retention.md).
 *
 * <p>Opens a fresh H2 file database with the service's connection settings (WRITE_DELAY=0,
 * PAGE_SIZE=4096) and schema (the Flyway migrations of src/main/resources/db/migration), then runs
 * rounds: each round stores N notifications of 10 new alert states each, K notifications per
 * transaction (as group commit does), one simulated day later than the round before; then deletes
 * what the previous rounds stored with the retention's SQL (keyset candidates, delete by id, 1000
 * rows per transaction); then waits for H2's RETENTION_TIME (45 s) so that chunks with no live page
 * left can be reused. After each round it prints the file size and H2's fill rates. With --no-prune
 * it stores the same rounds and deletes nothing, for comparison. At the end it closes the database
 * (H2 compacts for up to MAX_COMPACT_TIME, 200 ms) and reports the size, then runs SHUTDOWN COMPACT
 * for reference.
 *
 * <p>Not a benchmark: the times printed are only there to show how long each step took here.
 *
 * <pre>
 * java -cp ~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar \
 *     bench/h2-space/H2RetentionSpace.java [--rounds 4] [--notifications 3000] [--per-commit 8] \
 *     [--no-prune] [--max-compact-time 200] [--no-shutdown-compact] [--dir /tmp/h2-space]
 * </pre>
 */
public class H2RetentionSpace {

  static int rounds = 4;
  static int notifications = 3000;
  static int perCommit = 8;
  static boolean prune = true;
  static Path dir = Path.of("/tmp/h2-space");
  static String maxCompactTime;
  static boolean shutdownCompact = true;
  static final int ALERTS = 10;
  static final int BATCH = 1000;
  static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  static long nextNotification = 1;
  static long nextAlert = 1;

  public static void main(String[] args) throws Exception {
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--notifications" -> notifications = Integer.parseInt(args[++i]);
        case "--per-commit" -> perCommit = Integer.parseInt(args[++i]);
        case "--no-prune" -> prune = false;
        case "--dir" -> dir = Path.of(args[++i]);
        case "--max-compact-time" -> maxCompactTime = args[++i];
        case "--no-shutdown-compact" -> shutdownCompact = false;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir);
    String url = "jdbc:h2:file:" + dir.resolve("remedy").toAbsolutePath();
    Properties props = new Properties();
    props.setProperty("user", "remedy");
    props.setProperty("password", "");
    props.setProperty("WRITE_DELAY", "0");
    props.setProperty("PAGE_SIZE", "4096");
    props.setProperty("MAX_QUERY_TIMEOUT", "10000");
    if (maxCompactTime != null) {
      props.setProperty("MAX_COMPACT_TIME", maxCompactTime);
    }
    Path file = dir.resolve("remedy.mv.db");
    System.out.printf(
        "%d rounds of %d notifications x %d alert states, %d notifications per commit, %s%n",
        rounds, notifications, ALERTS, perCommit, prune ? "pruning older rounds" : "no pruning");
    System.out.println(
        "| after | alert rows | file MB | KB per live alert | FILL_RATE | CHUNKS_FILL_RATE | s |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    long closing;
    try (Connection c = DriverManager.getConnection(url, props)) {
      migrate(c);
      c.setAutoCommit(false);
      for (int round = 0; round < rounds; round++) {
        Instant day = BASE.plus(Duration.ofDays(round));
        long start = System.nanoTime();
        store(c, day);
        report(c, file, "round " + (round + 1) + " stored", start);
        if (prune && round > 0) {
          start = System.nanoTime();
          long deleted = prune(c, day);
          report(c, file, "round " + (round + 1) + " pruned (" + deleted + " rows)", start);
        }
        // Chunks are reused only RETENTION_TIME (45 s) after they were written; pruned rows are
        // 30 days old in the service.
        Thread.sleep(46_000);
        touch(c);
        report(c, file, "round " + (round + 1) + " + 46 s", System.nanoTime());
      }
      closing = System.nanoTime();
    }
    System.out.printf(
        "closed (H2 compacts for up to MAX_COMPACT_TIME, %s ms; the close took %d ms): %.1f MB%n",
        maxCompactTime == null ? "200" : maxCompactTime,
        (System.nanoTime() - closing) / 1_000_000,
        mb(Files.size(file)));
    if (shutdownCompact) {
      try (Connection c = DriverManager.getConnection(url, props);
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN COMPACT");
      }
      System.out.printf("after SHUTDOWN COMPACT (offline): %.1f MB%n", mb(Files.size(file)));
    }
  }

  static void migrate(Connection c) throws Exception {
    Path migrations = Path.of("src/main/resources/db/migration");
    List<Path> files;
    try (Stream<Path> list = Files.list(migrations)) {
      files =
          list.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
              .sorted(Comparator.comparingInt(H2RetentionSpace::version))
              .toList();
    }
    try (Statement s = c.createStatement()) {
      for (Path f : files) {
        StringBuilder sql = new StringBuilder();
        for (String line : Files.readAllLines(f)) {
          int comment = line.indexOf("--");
          sql.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        for (String statement : sql.toString().split(";")) {
          if (!statement.isBlank()) {
            s.execute(statement);
          }
        }
      }
    }
  }

  static int version(Path p) {
    String name = p.getFileName().toString();
    return Integer.parseInt(name.substring(1, name.indexOf("__")));
  }

  /** N notifications of 10 new alert states each, at most perCommit per transaction. */
  static void store(Connection c, Instant day) throws SQLException {
    String labels =
        "{\"alertname\":\"KubePodCrashLooping\",\"container\":\"app\",\"endpoint\":\"http\","
            + "\"job\":\"kube-state-metrics\",\"namespace\":\"prod-%d\",\"pod\":\"web-7f9c8d6b5-%05d\","
            + "\"prometheus\":\"monitoring/k8s\",\"service\":\"kube-state-metrics\",\"severity\":\"warning\"}";
    String annotations =
        "{\"description\":\"Pod prod/web-7f9c8d6b5-%05d (app) is restarting 3 times / 10 minutes.\","
            + "\"runbook_url\":\"https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping\","
            + "\"summary\":\"Pod is crash looping.\"}";
    String generator =
        "http://prometheus-k8s-0:9090/graph?g0.expr=increase%28kube_pod_container_status_restarts_total"
            + "%7Bjob%3D%22kube-state-metrics%22%7D%5B10m%5D%29+%3E+0&g0.tab=1";
    try (PreparedStatement n =
            c.prepareStatement(
                "insert into notification (id, delivery_key, receiver, status, group_key,"
                    + " group_labels, common_labels, common_annotations, external_url,"
                    + " truncated_alerts, alert_count, received_at, last_received_at, deliveries)"
                    + " values (?, ?, 'remedy', 'firing', ?, ?, ?, '{}', 'http://alertmanager:9093',"
                    + " 0, 10, ?, ?, 1)");
        PreparedStatement a =
            c.prepareStatement(
                "insert into alert (id, state_key, fingerprint, status, labels, annotations,"
                    + " starts_at, ends_at, generator_url, receiver, group_key, notification_id,"
                    + " received_at, last_notified_at)"
                    + " values (?, ?, ?, 'firing', ?, ?, ?, null, ?, 'remedy', ?, ?, ?, ?)")) {
      for (int i = 0; i < notifications; i++) {
        Timestamp at = Timestamp.from(day.plusMillis(i));
        long notification = nextNotification++;
        String groupKey =
            "{}/{severity=\"warning\"}:{alertname=\"KubePodCrashLooping\", namespace=\"prod-"
                + (notification % 50)
                + "\"}";
        n.setLong(1, notification);
        n.setString(2, hex(notification * 31 + 7) + hex(notification));
        n.setString(3, groupKey);
        n.setString(4, "{\"alertname\":\"KubePodCrashLooping\",\"namespace\":\"prod\"}");
        n.setString(5, "{\"alertname\":\"KubePodCrashLooping\",\"severity\":\"warning\"}");
        n.setTimestamp(6, at);
        n.setTimestamp(7, at);
        n.addBatch();
        for (int k = 0; k < ALERTS; k++) {
          long alert = nextAlert++;
          a.setLong(1, alert);
          a.setString(2, hex(alert * 0x9E3779B97F4A7C15L) + hex(alert * 0xC2B2AE3D27D4EB4FL));
          a.setString(3, String.format("%016x", alert * 0x9E3779B97F4A7C15L));
          a.setString(4, labels.formatted(alert % 50, alert % 100_000));
          a.setString(5, annotations.formatted(alert % 100_000));
          a.setTimestamp(6, Timestamp.from(day.minusSeconds(600)));
          a.setString(7, generator);
          a.setString(8, groupKey);
          a.setLong(9, notification);
          a.setTimestamp(10, at);
          a.setTimestamp(11, at);
          a.addBatch();
        }
        if ((i + 1) % perCommit == 0 || i == notifications - 1) {
          n.executeBatch();
          a.executeBatch();
          c.commit();
        }
      }
    }
  }

  /** The retention's statements (adapter.persistence.PanacheAlertPruning), alerts first. */
  static long prune(Connection c, Instant cutoff) throws SQLException {
    long deleted =
        pruneTable(
            c,
            cutoff,
            "select id, received_at from alert where received_at <= ? and (received_at < ? or id < ?)"
                + " and last_notified_at < ? order by received_at desc, id desc fetch first "
                + BATCH
                + " rows only",
            "delete from alert where id in (%s) and last_notified_at < ?");
    deleted +=
        pruneTable(
            c,
            cutoff,
            "select id, received_at from notification where received_at <= ?"
                + " and (received_at < ? or id < ?) and last_received_at < ?"
                + " order by received_at desc, id desc fetch first "
                + BATCH
                + " rows only",
            "delete from notification where id in (%s) and last_received_at < ? and not exists"
                + " (select 1 from alert a where a.notification_id = notification.id)");
    return deleted;
  }

  static long pruneTable(Connection c, Instant cutoff, String candidates, String delete)
      throws SQLException {
    Timestamp cut = Timestamp.from(cutoff);
    Timestamp afterAt = cut;
    long afterId = Long.MIN_VALUE;
    long deleted = 0;
    while (true) {
      List<Long> ids = new ArrayList<>();
      Timestamp lastAt = null;
      try (PreparedStatement s = c.prepareStatement(candidates)) {
        s.setTimestamp(1, afterAt);
        s.setTimestamp(2, afterAt);
        s.setLong(3, afterId);
        s.setTimestamp(4, cut);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
            lastAt = rs.getTimestamp(2);
          }
        }
      }
      if (!ids.isEmpty()) {
        long last = ids.get(ids.size() - 1);
        List<Long> sorted = ids.stream().sorted().toList();
        for (int from = 0; from < sorted.size(); from += 500) {
          List<Long> chunk = sorted.subList(from, Math.min(sorted.size(), from + 500));
          String marks = String.join(",", chunk.stream().map(id -> "?").toList());
          try (PreparedStatement d = c.prepareStatement(delete.formatted(marks))) {
            for (int i = 0; i < chunk.size(); i++) {
              d.setLong(i + 1, chunk.get(i));
            }
            d.setTimestamp(chunk.size() + 1, cut);
            deleted += d.executeUpdate();
          }
        }
        afterAt = lastAt;
        afterId = last;
      }
      c.commit();
      if (ids.size() < BATCH) {
        return deleted;
      }
    }
  }

  /** One small commit, as the next notification would make: H2 frees dead chunks on a commit. */
  static void touch(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("update notification set deliveries = deliveries where id = " + (nextNotification - 1));
    }
    c.commit();
  }

  static void report(Connection c, Path file, String phase, long startNanos) throws Exception {
    long alerts;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from alert")) {
      rs.next();
      alerts = rs.getLong(1);
    }
    c.commit();
    long size = Files.size(file);
    System.out.printf(
        "| %s | %,d | %.1f | %.2f | %s | %s | %.1f |%n",
        phase,
        alerts,
        mb(size),
        alerts == 0 ? 0.0 : size / 1024.0 / alerts,
        info(c, "info.FILL_RATE"),
        info(c, "info.CHUNKS_FILL_RATE"),
        (System.nanoTime() - startNanos) / 1e9);
  }

  static String info(Connection c, String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select setting_value from information_schema.settings where setting_name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : "?";
      } finally {
        c.commit();
      }
    }
  }

  static double mb(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }

  static String hex(long v) {
    return String.format("%016x%016x", v, Long.rotateLeft(v, 17) ^ 0x5DEECE66DL);
  }
}
