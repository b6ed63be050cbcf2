package dev.remedy.run;

import dev.remedy.guard.GuardDecision;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Port: reading runs for the operator API (newest first, keyset-paginated). */
public interface RunQueries {

  int MAX_LIMIT = 500;

  Page find(Query query);

  Optional<RunHistory> history(String runId);

  /** Guard decisions about a run (parks) and the duplicates that pointed at it, oldest first. */
  List<GuardDecision> decisionsAbout(String runId);

  /** Runs that were not created: suppressions and duplicates, newest first. */
  List<GuardDecision> recentDecisions(
      Optional<String> workflow, Optional<Instant> since, int limit);

  record Query(
      Optional<RunStatus> status,
      Optional<String> workflow,
      Optional<Instant> since,
      Optional<Cursor> cursor,
      int limit) {}

  record Page(List<Run> items, Optional<Cursor> next) {
    public Page {
      items = List.copyOf(items);
    }
  }

  /** Position after the last run seen: (created at, id). Opaque to clients. */
  record Cursor(Instant createdAt, String id) {

    public String encode() {
      String plain = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<Cursor> decode(String text) {
      try {
        String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        String[] parts = plain.split("\\.", 3);
        if (parts.length != 3 || parts[2].isEmpty()) {
          return Optional.empty();
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        return Optional.of(new Cursor(at, parts[2]));
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        return Optional.empty();
      }
    }
  }
}
