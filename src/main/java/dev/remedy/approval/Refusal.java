package dev.remedy.approval;

import java.util.Locale;

/** Why a decision was not applied. The wire name is the problem type / message key. */
public enum Refusal {
  /** No approval has this id. */
  NOT_FOUND,
  /** The voter is not listed (directly or through a group) for this approval. */
  NOT_AN_APPROVER,
  /** The voter has already decided this approval (one decision per person). */
  ALREADY_VOTED,
  /** The approval was already approved, rejected or cancelled. */
  ALREADY_DECIDED,
  /** The deadline has passed. */
  EXPIRED,
  /** The voter started the run (a manual run) and may not approve it. */
  OWN_RUN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
