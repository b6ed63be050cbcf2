package dev.remedy.audit;

import java.util.List;
import java.util.Optional;

/** A page of events, newest first; {@code nextBeforeSeq} continues it. */
public record AuditPage(List<SealedEvent> events, Optional<Long> nextBeforeSeq) {
  public AuditPage {
    events = List.copyOf(events);
  }
}
