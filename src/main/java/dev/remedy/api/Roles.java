package dev.remedy.api;

/**
 * The operator roles. Each implies the ones it needs to do its job ({@link RoleHierarchy}):
 * approvers and operators can read, admins can do everything.
 */
public final class Roles {

  /** Read runs, approvals, workflows, alerts and the audit log. */
  public static final String VIEWER = "viewer";

  /** Decide approvals. */
  public static final String APPROVER = "approver";

  /** Cancel runs, reload workflows, flip the automation switch. */
  public static final String OPERATOR = "operator";

  /** All of the above. */
  public static final String ADMIN = "admin";

  private Roles() {}
}
