package dev.remedy.api;

import dev.remedy.adapter.alertmanager.AlertmanagerPayloads;
import dev.remedy.alert.Notification;
import dev.remedy.workflow.Catalog;
import dev.remedy.workflow.CatalogSource;
import dev.remedy.workflow.Simulation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/simulate}: what the catalog would do with a notification. */
@Path("/api/v1/simulate")
@Tag(name = "workflows")
@RolesAllowed(Roles.VIEWER)
public class SimulateResource {

  private final CatalogSource catalog;
  private final AlertmanagerPayloads payloads;

  public SimulateResource(CatalogSource catalog, AlertmanagerPayloads payloads) {
    this.catalog = catalog;
    this.payloads = payloads;
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
          "Body: an Alertmanager webhook payload (version 4). Nothing is stored and nothing is"
              + " called. Guards and duplicates depend on runs and are not evaluated here.")
  public SimulationView simulate(byte[] body) {
    return SimulationView.of(catalog.current(), payloads.read(body));
  }
}
