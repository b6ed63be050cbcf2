package dev.remedy.guard;

import java.time.Instant;

/**
 * The global switch: {@code enabled=false} is the kill switch (new runs are suppressed, running
 * ones park before their next mutating step); {@code dryRun=true} sends every mutation with {@code
 * dryRun=All}.
 *
 * @param changedBy who set it last: a principal, or {@code config} at start-up
 */
public record AutomationSwitch(
    boolean enabled, boolean dryRun, String changedBy, Instant changedAt) {}
