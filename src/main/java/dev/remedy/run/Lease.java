package dev.remedy.run;

import java.time.Instant;

/**
 * The right of one worker to drive a run until {@code until}. Every write of the engine is
 * conditional on the run still holding this lease's owner token, so two workers (threads, replicas)
 * never execute a step of the same run at the same time.
 *
 * @param owner unique per claim (replica id + counter)
 */
public record Lease(String owner, Instant until) {

  public Lease extendedTo(Instant newUntil) {
    return new Lease(owner, newUntil);
  }
}
