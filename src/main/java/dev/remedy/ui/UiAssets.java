package dev.remedy.ui;

/** Where the UI's third-party assets are served from (the webjars on the class path). */
final class UiAssets {

  /** htmx, from {@code org.webjars.npm:htmx.org} (version in the pom's {@code htmx.version}). */
  static final String HTMX = "/webjars/htmx.org/2.0.7/dist/htmx.min.js";

  private UiAssets() {}
}
