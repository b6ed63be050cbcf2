package dev.remedy.ui;

import dev.remedy.api.AutomationResource.AutomationView;

/**
 * What every page shows around its content: who is signed in and what they may do, the CSRF token
 * for its forms, the automation switch, the current section, and the outcome of the last action.
 *
 * @param notice a confirmation of what the user just did, or null
 * @param error why the user's last action was refused, or null
 */
public record Chrome(
    String user,
    boolean approver,
    boolean operator,
    String csrf,
    AutomationView automation,
    String section,
    String notice,
    String error) {

  public Chrome withNotice(String text) {
    return new Chrome(user, approver, operator, csrf, automation, section, text, error);
  }

  public Chrome withError(String text) {
    return new Chrome(user, approver, operator, csrf, automation, section, notice, text);
  }

  /** The path of the htmx script the app serves from its webjar. */
  public String htmx() {
    return UiAssets.HTMX;
  }
}
