/**
 * The tamper-evident audit log: one record per kind of event ({@link AuditEvent}), appended in the
 * transaction that makes the change it describes ({@link AuditLog}), chained by SHA-256 over a
 * canonical JSON form ({@link CanonicalJson}, {@link AuditChain}) and re-verifiable by anyone from
 * an export ({@link ChainVerifier}). Values pass through one place before they are recorded ({@link
 * Redaction}).
 */
package dev.remedy.audit;
