/**
 * Who is asking, and what they may do. Three roles, each including the one before:
 * - viewer: pages and exports;
 * - operator: also scans (start, cancel), mutes and schedules;
 * - admin: also settings, notifications and the audit log.
 * Pure: the proxy and the route handlers build an Identity from credentials (lib/security/credentials.ts).
 */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` may do what `needed` may. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** How the caller proved who they are. */
export type AuthMethod = "local" | "token" | "basic" | "session";

export interface Identity {
  method: AuthMethod;
  /** A display name for the audit log and the header: the person's name, or what the credential is. */
  name: string;
  /** A stable id: the identity provider's `sub` for a session; the method's own name otherwise. */
  subject: string;
  role: Role;
}

/** With no authentication configured the server answers this machine only: whoever sits there runs it. */
export const LOCAL_USER: Identity = { method: "local", name: "local user", subject: "local", role: "admin" };

export const ROLE_LABELS: Record<Role, string> = { viewer: "Viewer", operator: "Operator", admin: "Admin" };

/** What a refusal says: the role needed, never the caller's credentials. */
export function roleRefusal(identity: Identity, needed: Role): string {
  return `This needs the ${ROLE_LABELS[needed].toLowerCase()} role; ${identity.name} has the ${ROLE_LABELS[identity.role].toLowerCase()} role.`;
}
