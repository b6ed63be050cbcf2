/**
 * The workflow file format ({@code remedy/v1}) and nothing else: hardened YAML reading, binding to
 * spec records that keep every value's {@code line:column}, validation of all of it, and only then
 * the runtime {@link dev.remedy.workflow.Workflow}. Plain Java, usable by the CLI without Quarkus.
 */
package dev.remedy.workflow.spec;
