package dev.remedy.api;

import dev.remedy.adapter.alertmanager.AlertmanagerPayloads;
import dev.remedy.alert.Notification;
import dev.remedy.audit.Actor;
import dev.remedy.audit.AuditEvent;
import dev.remedy.audit.AuditLog;
import dev.remedy.workflow.Catalog;
import dev.remedy.workflow.CatalogSource;
import dev.remedy.workflow.Simulation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/simulate}: what the catalog would do with a notification. Stores nothing but
 * its audit trace: one {@code workflow.matched} per simulated alert (who asked, which workflows
 * matched and which did not), so the audit shows who probed which alerts against the catalog.
 */
@Path("/api/v1/simulate")
@Tag(name = "workflows")
@RolesAllowed(Roles.VIEWER)
public class SimulateResource {

  private final CatalogSource catalog;
  private final AlertmanagerPayloads payloads;
  private final AuditLog audit;
  private final SecurityIdentity identity;

  public SimulateResource(
      CatalogSource catalog,
      AlertmanagerPayloads payloads,
      AuditLog audit,
      SecurityIdentity identity) {
    this.catalog = catalog;
    this.payloads = payloads;
    this.audit = audit;
    this.identity = identity;
  }

  /** The answer: per alert, the matching workflows with their plans and why the others don't. */
  @RegisterForReflection(
      targets = {
        Simulation.AlertOutcome.class,
        Simulation.Match.class,
        Simulation.Mismatch.class,
        dev.remedy.workflow.PlannedStep.class
      })
  public record SimulationView(
      int workflows, int invalidFiles, List<Simulation.AlertOutcome> alerts) {
    public static SimulationView of(Catalog catalog, Notification notification) {
      return new SimulationView(
          catalog.workflows().size(),
          catalog.invalidFiles(),
          Simulation.run(catalog, notification.alerts()));
    }
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Which workflows an Alertmanager notification would start, with rendered plans",
      description =
          "Body: an Alertmanager webhook payload (version 4). Nothing is stored but the audit"
              + " event workflow.matched per alert, and nothing is called. Guards and duplicates"
              + " depend on runs and are not evaluated here.")
  public SimulationView simulate(byte[] body) {
    SimulationView view = SimulationView.of(catalog.current(), payloads.read(body));
    Actor actor = Actor.user(identity.getPrincipal().getName());
    QuarkusTransaction.requiringNew()
        .run(() -> view.alerts().forEach(alert -> audit.append(matched(actor, alert))));
    return view;
  }

  private static AuditEvent matched(Actor actor, Simulation.AlertOutcome alert) {
    return new AuditEvent.WorkflowsMatched(
        actor,
        alert.fingerprint(),
        alert.matched().stream().map(Simulation.Match::workflow).toList(),
        alert.notMatched().stream().map(Simulation.Mismatch::workflow).toList());
  }
}
