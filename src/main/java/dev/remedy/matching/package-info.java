/**
 * Which workflows an alert selects: Alertmanager matchers ({@code name op value}) parsed with
 * Alertmanager's syntax and semantics into small immutable values, and a {@link
 * dev.remedy.matching.MatcherIndex} that finds the matching workflows without testing each one.
 *
 * <p>Plain Java and pure functions: no I/O, no clock, no framework; a syntax error carries the
 * position the workflow loader turns into {@code file:line:column}.
 */
package dev.remedy.matching;
