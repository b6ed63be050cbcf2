/**
 * Durable runs: created from alerts inside the ingest transaction, claimed by workers under a
 * lease, executed one step at a time with the attempt committed before its effect and the outcome
 * after it. Every wait is stored as a wake-up time; the ports each say what a repeat does.
 */
package dev.remedy.run;
