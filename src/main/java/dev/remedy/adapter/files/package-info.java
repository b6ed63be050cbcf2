/**
 * The file system as a source of workflows: reads the workflow directory, notices changed files by
 * polling their sizes and modification times, and swaps the catalog atomically.
 */
package dev.remedy.adapter.files;
