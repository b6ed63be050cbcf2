package dev.remedy.run;

import java.util.Locale;

/**
 * Why a step failed: a small closed set, used as a metric label, in the run record and in audit.
 * Adapters classify every failure into one of these once, at their edge.
 */
public enum FailureReason {
  /** The attempt outlived the step's timeout. */
  TIMEOUT,
  /** The remote side could not be reached or answered 5xx/429: worth retrying. */
  UNAVAILABLE,
  /** Optimistic concurrency lost (HTTP 409) more often than the adapter re-decides. */
  CONFLICT,
  /** The target does not exist. */
  NOT_FOUND,
  /** Not allowed: RBAC (HTTP 401/403), a host not in the http allow list. */
  FORBIDDEN,
  /** The target's namespace is not one workflows may touch ({@code allowed-namespaces}). */
  FORBIDDEN_NAMESPACE,
  /** The request was refused as invalid (HTTP 422/400), or the target is in a state we refuse. */
  INVALID,
  /** A template or param could not be rendered or failed its pattern. */
  TEMPLATE,
  /** An http step got a status it did not expect. */
  UNEXPECTED_STATUS,
  /** A rollout exceeded its progress deadline. */
  ROLLOUT_STUCK,
  APPROVAL_REJECTED,
  APPROVAL_EXPIRED,
  /** The plan read again at the decision differs from the one approved (its digest changed). */
  PLAN_CHANGED,
  /** A bug or an unclassified exception: never retried. */
  INTERNAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static FailureReason fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
