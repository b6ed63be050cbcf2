/**
 * The database adapter: Panache entities and repositories that implement the domain's store ports.
 * The schema is owned by the Flyway migrations in {@code db/migration}, which run unchanged on H2
 * and PostgreSQL, and in {@code db/migration-h2} and {@code db/migration-postgresql} for the few
 * versions that differ by kind (each has a file in both, doing nothing where it does not apply).
 */
package dev.remedy.adapter.persistence;
