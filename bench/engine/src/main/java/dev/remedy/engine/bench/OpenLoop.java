package dev.remedy.engine.bench;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends notifications on a fixed schedule, whatever the service's answers take (open loop): slot i
 * is due at start + i / rate, and every measure is taken from that scheduled time, so a stalled
 * service is charged for the notifications that queued behind the stall (no coordinated omission).
 * Requests are asynchronous, so a slow answer never delays the next send.
 */
final class OpenLoop {

  /** One notification: when it was due, and what the webhook answered. */
  static final class Sent {
    final int slot;
    final long scheduledNanos; // System.nanoTime() of the schedule
    long scheduledEpochNanos; // the same moment on the wall clock (the service's timestamps)
    int status; // 0: no answer
    String runId;
    long answeredNanos;
    String error;

    Sent(int slot, long scheduledNanos) {
      this.slot = slot;
      this.scheduledNanos = scheduledNanos;
    }

    double webhookMs() {
      return (answeredNanos - scheduledNanos) / 1e6;
    }
  }

  /** A phase's notifications, and when its schedule started and ended. */
  record Result(List<Sent> sent, long startNanos, long endNanos, long startEpochNanos) {

    long endEpochNanos() {
      return startEpochNanos + (endNanos - startNanos);
    }

    long created() {
      return sent.stream().filter(s -> s.runId != null).count();
    }

    /** Notifications without a 202 that created a run, by cause. */
    String failures() {
      java.util.Map<String, Long> causes = new java.util.TreeMap<>();
      for (Sent s : sent) {
        if (s.runId == null) {
          String cause =
              s.error != null
                  ? s.error
                  : s.status == 202 ? "202 without a run" : "HTTP " + s.status;
          causes.merge(cause, 1L, Long::sum);
        }
      }
      return causes.isEmpty() ? "none" : causes.toString();
    }
  }

  private OpenLoop() {}

  /**
   * Sends {@code rate × seconds} notifications at {@code rate} per second, cycling through {@code
   * alertnames}; waits for the last answer (at most 30 s).
   */
  static Result run(Remedy remedy, String phase, double rate, double seconds, String... alertnames)
      throws InterruptedException {
    int total = (int) Math.floor(rate * seconds);
    double interval = 1e9 / rate;
    List<Sent> sent = new ArrayList<>(total);
    List<CompletableFuture<?>> pending = new ArrayList<>(total);
    long start = System.nanoTime() + 50_000_000L;
    long startEpoch = epochNanos(start);
    for (int i = 0; i < total; i++) {
      long due = start + (long) (i * interval);
      String body = remedy.notification(alertnames[i % alertnames.length], phase);
      Sent s = new Sent(i, due);
      sent.add(s);
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(due - now);
      }
      // The wall clock at the scheduled moment, read now (the clocks may drift over a long run).
      s.scheduledEpochNanos = epochNanos(due);
      pending.add(
          remedy
              .post(body)
              .whenComplete(
                  (HttpResponse<String> response, Throwable failure) -> {
                    s.answeredNanos = System.nanoTime();
                    if (failure != null) {
                      Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                      s.error = cause.getClass().getSimpleName();
                      return;
                    }
                    s.status = response.statusCode();
                    if (s.status == 202) {
                      s.runId = Remedy.createdRun(response.body()).orElse(null);
                    }
                  }));
    }
    long end = start + (long) (total * interval);
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      // counted per notification above (a missing answer has status 0)
    }
    return new Result(sent, start, end, startEpoch);
  }

  /** {@code nanoTime} on the wall clock, as epoch nanoseconds, from a fresh reading of both. */
  static long epochNanos(long nanoTime) {
    Instant wall = Instant.now();
    long now = System.nanoTime();
    return wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - (now - nanoTime);
  }

  static long epochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
