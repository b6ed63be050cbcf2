package dev.remedy.audit;

/**
 * The last event of the chain as the head row records it ({@code seq} 0 and {@link
 * AuditChain#GENESIS} when empty), read together with the highest event number stored: in one
 * consistent read, the two agree unless someone stored an event behind the chain's back.
 */
public record ChainHead(long seq, String hash, long lastStoredSeq) {}
