package dev.remedy.ui;

import dev.remedy.api.AuditResource;

/**
 * What the audit page knows of the chain: {@code checked} false before any check; {@code fresh}
 * when this request verified it.
 */
public record ChainState(
    boolean checked,
    boolean fresh,
    boolean valid,
    long events,
    long headSeq,
    String head,
    Long firstInvalidSeq,
    String problem) {

  static ChainState of(AuditResource.VerifyView v, boolean fresh) {
    return new ChainState(
        true,
        fresh,
        v.valid(),
        v.events(),
        v.headSeq(),
        v.head(),
        v.firstInvalidSeq(),
        v.problem());
  }
}
