/**
 * Which workflows an alert selects: Alertmanager matchers ({@code name op value}) parsed with
 * Alertmanager's syntax and semantics into small immutable values, and a {@link
 * dev.remedy.matching.MatcherIndex} that finds the matching workflows without testing each one.
 * Regexes, here and in param patterns, are Go's (RE2) compiled with RE2/J ({@link
 * dev.remedy.matching.Regexes}): Alertmanager's syntax, and matching in linear time.
 *
 * <p>Plain Java and pure functions: no I/O, no clock, no framework; a syntax error carries the
 * position the workflow loader turns into {@code file:line:column}.
 */
package dev.remedy.matching;
