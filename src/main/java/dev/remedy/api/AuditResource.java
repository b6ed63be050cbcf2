package dev.remedy.api;

import dev.remedy.audit.AuditPage;
import dev.remedy.audit.AuditQuery;
import dev.remedy.audit.AuditTrail;
import dev.remedy.audit.AuditVerification;
import dev.remedy.audit.ExportLine;
import dev.remedy.audit.SealedEvent;
import dev.remedy.audit.Verification;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log: query, verify, export (docs/audit.md). */
@Path("/api/v1/audit")
@Tag(name = "audit")
@RolesAllowed(Roles.VIEWER)
public class AuditResource {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final String JSON_LINES = "application/jsonl";

  private final AuditTrail trail;
  private final AuditVerification verification;
  private final Clock clock;

  public AuditResource(AuditTrail trail, AuditVerification verification, Clock clock) {
    this.trail = trail;
    this.verification = verification;
    this.clock = clock;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Audit events, newest first, cursor-paginated")
  public EventList list(
      @QueryParam("run") String run,
      @QueryParam("type") String type,
      @QueryParam("actor") String actor,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    AuditQuery query =
        new AuditQuery(
            present(run),
            present(type),
            present(actor),
            QueryParams.since("since", since, clock),
            QueryParams.since("until", until, clock),
            cursor(cursor),
            QueryParams.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT));
    AuditPage page = trail.find(query);
    return new EventList(
        page.events().stream().map(EventView::of).toList(),
        page.nextBeforeSeq().map(String::valueOf).orElse(null));
  }

  @GET
  @Path("/verify")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Recompute the hash chain; the first invalid event number when broken")
  public VerifyView verify() {
    return VerifyView.of(verification.verify());
  }

  @GET
  @Path("/export")
  @Produces(JSON_LINES)
  @Operation(
      summary =
          "The chain as JSON Lines from the first event at or after since (default: all),"
              + " streamed; each line verifiable (docs/audit.md)")
  public Response export(@QueryParam("since") String since) {
    Optional<Instant> from = QueryParams.since("since", since, clock);
    long after =
        from.map(trail::lastSeqBefore)
            .orElseGet(() -> trail.checkpoint().map(c -> c.seq()).orElse(0L));
    long through = trail.head().seq();
    StreamingOutput body =
        output -> {
          BufferedWriter writer =
              new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 65536);
          try {
            trail.stream(
                after,
                through,
                event -> {
                  try {
                    writer.write(ExportLine.of(event));
                    writer.write('\n');
                    return true;
                  } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
          } finally {
            writer.flush();
          }
        };
    return Response.ok(body, JSON_LINES)
        .header("Content-Disposition", "attachment; filename=\"remedy-audit.jsonl\"")
        .build();
  }

  private static Optional<String> present(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static Optional<Long> cursor(String value) {
    return present(value)
        .map(
            v -> {
              try {
                long seq = Long.parseLong(v);
                if (seq > 0) {
                  return seq;
                }
              } catch (NumberFormatException e) {
                // answered below
              }
              throw QueryParams.invalid(
                  "cursor", "not a cursor this API gave out (use nextCursor as is)");
            });
  }

  /** One page; {@code nextCursor} is null on the last page. */
  public record EventList(List<EventView> items, String nextCursor) {}

  /** One event: the stored columns and the hashed body. */
  public record EventView(
      long seq,
      Instant at,
      String type,
      String actor,
      String runId,
      String workflow,
      String body,
      String prevHash,
      String hash) {

    static EventView of(SealedEvent event) {
      return new EventView(
          event.seq(),
          event.at(),
          event.type(),
          event.actor(),
          event.runId().orElse(null),
          event.workflow().orElse(null),
          event.body(),
          event.prevHash(),
          event.hash());
    }
  }

  /** {@code GET /verify}: valid with the count and head, or the first invalid event. */
  public record VerifyView(
      boolean valid,
      long events,
      long fromSeq,
      long headSeq,
      String head,
      Long firstInvalidSeq,
      String problem) {

    public static VerifyView of(Verification v) {
      return new VerifyView(
          v.valid(),
          v.count(),
          v.fromSeq(),
          v.headSeq(),
          v.headHash(),
          v.firstInvalidSeq().orElse(null),
          v.problem().orElse(null));
    }
  }
}
