package dev.remedy.api;

import dev.remedy.api.WorkflowViews.ErrorView;
import dev.remedy.api.WorkflowViews.ValidationView;
import dev.remedy.api.WorkflowViews.WorkflowDetail;
import dev.remedy.api.WorkflowViews.WorkflowList;
import dev.remedy.workflow.Catalog;
import dev.remedy.workflow.CatalogSource;
import dev.remedy.workflow.LoadResult;
import dev.remedy.workflow.spec.WorkflowFiles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The workflow catalog: what is loaded, validation of a file, reload, and the JSON Schema. */
@Path("/api/v1/workflows")
@Tag(name = "workflows")
public class WorkflowsResource {

  static final String SCHEMA_RESOURCE = "/schema/workflow.schema.json";

  private final CatalogSource catalog;

  public WorkflowsResource(CatalogSource catalog) {
    this.catalog = catalog;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Every workflow file: validity, the version in use, errors")
  public WorkflowList list() {
    return WorkflowList.of(catalog.current());
  }

  @GET
  @Path("/{name}")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One workflow in use: its file, version, matchers, params, guards, steps")
  public WorkflowDetail get(@PathParam("name") String name) {
    Catalog current = catalog.current();
    return current
        .workflow(name)
        .map(w -> WorkflowDetail.of(current.entryOf(name).orElseThrow(), w))
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.of(
                        "workflow-not-found",
                        "No such workflow",
                        Response.Status.NOT_FOUND,
                        "no workflow named \"" + name + "\" is in use")));
  }

  @POST
  @Path("/validate")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Check a workflow file without loading it",
      description =
          "Body: the YAML. Optional query parameter file: the file name it will have (then the"
              + " name must match metadata.name). Answer: valid, or every error with line, column"
              + " and field path.")
  public ValidationView validate(@QueryParam("file") String file, byte[] body) {
    LoadResult result = WorkflowFiles.loadOne(file == null || file.isBlank() ? null : file, body);
    return switch (result) {
      case LoadResult.Loaded loaded ->
          new ValidationView(
              true,
              loaded.workflow().name(),
              loaded.workflow().source().digest(),
              java.util.List.of());
      case LoadResult.Invalid invalid ->
          new ValidationView(
              false, null, null, invalid.errors().stream().map(ErrorView::of).toList());
    };
  }

  @POST
  @Path("/reload")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Read the workflow directory again now (it also reloads by itself)")
  public WorkflowList reload() {
    return WorkflowList.of(catalog.reload());
  }

  @GET
  @Path("/schema")
  @Produces("application/schema+json")
  @PermitAll
  @Operation(summary = "The JSON Schema of workflow files, for editors (no authentication)")
  public byte[] schema() throws IOException {
    try (InputStream in = WorkflowsResource.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the build did not package " + SCHEMA_RESOURCE);
      }
      return in.readAllBytes();
    }
  }
}
