/**
 * The defaults of `--role-name` and `--role-session-name`, apart from the credential code so the
 * CLI's argument parsing does not load the SDK.
 */

/** The member role Safekeep's template creates (policy/safekeep-member-role.yaml). */
export const DEFAULT_ROLE_NAME = "SafekeepAudit";
/** Shown in the member account's CloudTrail as the session of every call the scan makes there. */
export const DEFAULT_ROLE_SESSION_NAME = "safekeep-scan";
