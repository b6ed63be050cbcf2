/**
 * The operator web UI at {@code /ui}: server-rendered Qute pages over the same operations as the
 * REST API (each page calls the API resource, so roles, validation and audit are the API's), with
 * form login, a CSRF token on every form and htmx for the parts that refresh themselves.
 */
package dev.remedy.ui;
