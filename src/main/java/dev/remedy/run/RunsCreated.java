package dev.remedy.run;

import java.util.List;

/**
 * Fired inside an ingest transaction with the runs it made due (new runs, runs whose alert
 * resolved); the engine observes it after the commit and claims them at once instead of waiting for
 * its next sweep.
 */
public record RunsCreated(List<String> runIds) {

  public RunsCreated {
    runIds = List.copyOf(runIds);
  }
}
