package dev.remedy.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remedy.testsupport.Payloads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service stopped as Kubernetes and systemd stop it (SIGTERM) right after it accepted
 * notifications: it finishes its work on a database that is still open (the audit events of the
 * last transactions sealed, no scheduled task failing against a closed pool), says nothing worse
 * than INFO while it stops, and exits by itself. On H2 this once failed: H2's own JVM shutdown hook
 * closed the database under the running service.
 */
class GracefulStopIT {

  private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\S+ \\S+ (WARN|ERROR) ");

  @TempDir Path temp;

  @Test
  void aSigtermAfterAcceptedNotificationsStopsCleanly() throws Exception {
    try (ItDatabase database = ItDatabase.fresh(temp)) {
      Path log;
      int status;
      try (PackagedService service =
          PackagedService.start("GracefulStopIT", temp, database.serviceConfig())) {
        for (int i = 0; i < 20; i++) {
          service.postAlert(
              Payloads.alert(
                  "firing",
                  String.format("%016x", 0xfeed0000L + i),
                  Instant.now(),
                  "alertname",
                  "GracefulStopNoWorkflow",
                  "instance",
                  "i-" + i));
        }
        log = service.logFile();
        status = service.stop();
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      int started = indexOf(lines, "started in");
      assertThat(started).as("the service logged that it started").isNotNegative();
      List<String> afterStart = lines.subList(started + 1, lines.size());
      assertThat(afterStart)
          .as("lines logged after start-up")
          .anyMatch(line -> line.contains("stopped in"))
          .noneMatch(line -> WARN_OR_ERROR.matcher(line).find());
      // 143 (128 + 15) is how a JVM reports a stop by SIGTERM; a native binary exits 0.
      assertThat(status).as("exit status after SIGTERM").isIn(0, 143);
    }
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }
}
