/**
 * The runtime model of workflows: immutable, validated values built by {@code workflow.spec} from
 * the YAML files, and the {@link dev.remedy.workflow.Catalog} that the engine and ingest read.
 * Nothing here knows the file format.
 */
package dev.remedy.workflow;
