package dev.remedy.api;

import dev.remedy.guard.AutomationSwitch;
import dev.remedy.guard.AutomationSwitches;
import dev.remedy.run.RunStore;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/automation}: the kill switch and global dry-run. */
@Path("/api/v1/automation")
@Tag(name = "automation")
public class AutomationResource {

  private final AutomationSwitches switches;
  private final RunStore runs;
  private final dev.remedy.config.EngineRunner engine;
  private final SecurityIdentity identity;
  private final Clock clock;

  public AutomationResource(
      AutomationSwitches switches,
      RunStore runs,
      dev.remedy.config.EngineRunner engine,
      SecurityIdentity identity,
      Clock clock) {
    this.switches = switches;
    this.runs = runs;
    this.engine = engine;
    this.identity = identity;
    this.clock = clock;
  }

  /** The switch; {@code changedBy}/{@code changedAt} say who set it last. */
  public record AutomationView(
      boolean enabled, boolean dryRun, String changedBy, Instant changedAt) {
    static AutomationView of(AutomationSwitch s) {
      return new AutomationView(s.enabled(), s.dryRun(), s.changedBy(), s.changedAt());
    }
  }

  /** A change; a field left out keeps its value. */
  public record AutomationChange(Boolean enabled, Boolean dryRun) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "The global automation switch")
  public AutomationView get() {
    return AutomationView.of(switches.current());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary =
          "Turn automation off (new runs suppressed, running ones park before their next mutating"
              + " step) or on, and dry-run on or off")
  public AutomationView put(AutomationChange change) {
    if (change == null || (change.enabled() == null && change.dryRun() == null)) {
      throw new ProblemException(
          Problem.of(
              "invalid-request",
              "Invalid request",
              Response.Status.BAD_REQUEST,
              "Give \"enabled\" and/or \"dryRun\" as booleans, e.g. {\"enabled\": false}."));
    }
    AutomationSwitch before = switches.current();
    String who = identity.getPrincipal().getName();
    AutomationSwitch after =
        switches.set(
            change.enabled() == null ? before.enabled() : change.enabled(),
            change.dryRun() == null ? before.dryRun() : change.dryRun(),
            who);
    Log.warnf(
        "Automation switch set by %s: enabled %s → %s, dry-run %s → %s",
        who, before.enabled(), after.enabled(), before.dryRun(), after.dryRun());
    if (after.enabled()) {
      runs.wakeParked(clock.instant());
      engine.wake();
    }
    return AutomationView.of(after);
  }
}
