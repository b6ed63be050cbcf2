/**
 * The database adapter: Panache entities and repositories that implement the domain's store ports.
 * The schema is owned by the Flyway migrations in {@code db/migration}, which run unchanged on H2
 * and PostgreSQL.
 */
package dev.remedy.adapter.persistence;
