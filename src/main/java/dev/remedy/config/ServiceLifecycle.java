package dev.remedy.config;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Whether the service has begun to stop. A scheduled task that started just before the stop can
 * still be running when Quarkus closes the database session under it: its failure then is the stop,
 * not a fault, and is logged at debug rather than as the error an operator would chase after every
 * rolling update.
 */
@ApplicationScoped
public class ServiceLifecycle {

  private volatile boolean stopping;

  public void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  public boolean stopping() {
    return stopping;
  }
}
