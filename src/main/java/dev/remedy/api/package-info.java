/**
 * The operator REST API under {@code /api/v1}, its roles and the RFC 9457 problem+json answers that
 * every endpoint of the service gives on error.
 */
package dev.remedy.api;
