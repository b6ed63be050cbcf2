/**
 * Strict rendering of {@code {{ }}} expressions in workflow strings against an alert and a run.
 * Templates read data and never call code; a variable that is unknown when the workflow loads, or
 * missing when the run starts, is an error, never an empty string.
 */
package dev.remedy.template;
