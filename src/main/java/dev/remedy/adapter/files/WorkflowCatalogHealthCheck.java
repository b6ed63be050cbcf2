package dev.remedy.adapter.files;

import dev.remedy.workflow.Catalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the workflow directory has been read. Invalid files do not make the service unready:
 * their last good versions keep serving, and the count shows here, in the API and in metrics.
 */
@Readiness
@ApplicationScoped
public class WorkflowCatalogHealthCheck implements HealthCheck {

  private final WorkflowCatalogFiles files;

  WorkflowCatalogHealthCheck(WorkflowCatalogFiles files) {
    this.files = files;
  }

  @Override
  public HealthCheckResponse call() {
    Catalog catalog = files.current();
    return HealthCheckResponse.named("workflow catalog")
        .status(files.loaded())
        .withData("workflows", catalog.workflows().size())
        .withData("invalidFiles", catalog.invalidFiles())
        .build();
  }
}
