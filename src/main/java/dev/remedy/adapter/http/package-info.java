/** The {@code http} action's outbound calls, on the JDK HTTP client. */
package dev.remedy.adapter.http;
