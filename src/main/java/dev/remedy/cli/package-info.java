/**
 * The command line of the packaged application: {@code validate} and {@code simulate} run without
 * starting the service (no HTTP listener, no database), fast enough for a pre-commit hook or a CI
 * step. Without a command the service starts.
 */
package dev.remedy.cli;
