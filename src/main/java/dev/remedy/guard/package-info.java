/**
 * Guardrails that keep automation from amplifying an incident: cooldown and rate limit per dedup
 * key, concurrency per workflow, a global budget of mutating actions, dry-run and the kill switch.
 * Decisions are pure functions of stored counts; every refusal is recorded and counted.
 */
package dev.remedy.guard;
