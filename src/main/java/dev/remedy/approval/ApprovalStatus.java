package dev.remedy.approval;

import java.util.Locale;

/** Where an approval stands. */
public enum ApprovalStatus {
  PENDING,
  APPROVED,
  REJECTED,
  EXPIRED,
  /** The run ended (cancelled, failed elsewhere) before a decision. */
  CANCELLED;

  public boolean isOpen() {
    return this == PENDING;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
