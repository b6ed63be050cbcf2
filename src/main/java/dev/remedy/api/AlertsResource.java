package dev.remedy.api;

import dev.remedy.alert.AlertCursor;
import dev.remedy.alert.AlertPage;
import dev.remedy.alert.AlertQuery;
import dev.remedy.alert.AlertStatus;
import dev.remedy.alert.AlertStore;
import dev.remedy.alert.Fingerprint;
import dev.remedy.alert.StoredAlert;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/alerts}: the alert states that arrived, newest first. */
@Path("/api/v1/alerts")
@Tag(name = "alerts")
@RolesAllowed(Roles.VIEWER)
public class AlertsResource {

  static final int DEFAULT_LIMIT = 100;

  private final AlertStore store;
  private final Clock clock;

  public AlertsResource(AlertStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Alert states received from Alertmanager, newest first, cursor-paginated")
  public AlertList list(
      @QueryParam("status") String status,
      @QueryParam("fingerprint") String fingerprint,
      @QueryParam("since") String since,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    AlertQuery query =
        new AlertQuery(
            status(status),
            Optional.ofNullable(fingerprint).filter(f -> !f.isBlank()).map(Fingerprint::new),
            QueryParams.since("since", since, clock),
            cursor(cursor),
            QueryParams.limit("limit", limit, DEFAULT_LIMIT, AlertQuery.MAX_LIMIT));
    AlertPage page = store.find(query);
    return new AlertList(
        page.items().stream().map(AlertView::of).toList(),
        page.next().map(AlertCursor::encode).orElse(null));
  }

  private static Optional<AlertStatus> status(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        AlertStatus.fromWireName(value.trim())
            .orElseThrow(
                () -> QueryParams.invalid("status", "must be \"firing\" or \"resolved\"")));
  }

  private static Optional<AlertCursor> cursor(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        AlertCursor.decode(value.trim())
            .orElseThrow(
                () ->
                    QueryParams.invalid(
                        "cursor", "not a cursor this API gave out (use nextCursor as is)")));
  }

  /** One page; {@code nextCursor} is null on the last page. */
  public record AlertList(List<AlertView> items, String nextCursor) {}

  /** One stored alert state. */
  public record AlertView(
      long id,
      String fingerprint,
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      Instant startsAt,
      Instant endsAt,
      String generatorURL,
      String receiver,
      String groupKey,
      Instant receivedAt,
      Instant lastNotifiedAt) {

    static AlertView of(StoredAlert stored) {
      var alert = stored.alert();
      return new AlertView(
          stored.id(),
          alert.fingerprint().value(),
          alert.status().wireName(),
          alert.labels().asMap(),
          alert.annotations().asMap(),
          alert.startsAt(),
          alert.endsAt().orElse(null),
          alert.generatorUrl(),
          stored.receiver(),
          stored.groupKey(),
          stored.receivedAt(),
          stored.lastNotifiedAt());
    }
  }
}
