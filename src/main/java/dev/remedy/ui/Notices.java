package dev.remedy.ui;

import java.util.Map;

/**
 * The confirmations a page shows after a redirect. The redirect carries a code, never text, so a
 * crafted link cannot make the UI say something it did not do.
 */
final class Notices {

  static final String APPROVED = "approved";
  static final String REJECTED = "rejected";
  static final String CANCEL_REQUESTED = "cancel-requested";
  static final String AUTOMATION_CHANGED = "automation-changed";
  static final String RELOADED = "reloaded";

  private static final Map<String, String> TEXT =
      Map.of(
          APPROVED, "Your approval was recorded.",
          REJECTED, "Your rejection was recorded.",
          CANCEL_REQUESTED,
              "Cancellation requested: the run ends at its next step boundary (a step already"
                  + " calling the cluster finishes first).",
          AUTOMATION_CHANGED, "The automation switch was changed.",
          RELOADED, "Workflows reloaded from disk.");

  private Notices() {}

  static String text(String code) {
    return code == null ? null : TEXT.get(code);
  }
}
