import { ROLE_LABELS, roleAllows, type Identity, type Role } from "@/lib/security/identity";

/** Whether the page's caller may do what `needed` may (an unnamed caller may do nothing). */
export function mayDo(identity: Identity | undefined, needed: Role): boolean {
  return identity !== undefined && roleAllows(identity.role, needed);
}

/**
 * Said where an action is left out for the caller's role: what it needs and what they have. The
 * action's route checks the role again; this only spares people a button that would be refused.
 */
export function RoleNote({
  what,
  needed,
  identity,
  className = "",
}: {
  /** "Starting scans", "Muting findings"… */
  what: string;
  needed: Role;
  identity: Identity | undefined;
  className?: string;
}) {
  return (
    <p className={`text-sm text-slate-700 ${className}`} role="note">
      {what} needs the {ROLE_LABELS[needed].toLowerCase()} role
      {identity ? `; you have the ${ROLE_LABELS[identity.role].toLowerCase()} role` : ""}.
    </p>
  );
}
