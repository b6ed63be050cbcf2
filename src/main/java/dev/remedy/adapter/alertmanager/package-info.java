/**
 * Inbound adapter for Alertmanager's webhook receiver (payload version 4): checks the token, bounds
 * and parses the body, maps it to {@code dev.remedy.alert} and hands it to the ingest.
 */
package dev.remedy.adapter.alertmanager;
