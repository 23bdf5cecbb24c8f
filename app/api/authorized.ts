/**
 * The role check at the top of every route handler, with the audit log beside it: a signed-in caller
 * refused for their role is recorded as `access-denied` (the action they attempted as its target),
 * and each change a handler makes is recorded with who made it. Kept here, beside the handlers,
 * because it joins lib/http (which names the caller) and lib/read (which writes the log).
 */
import { authorize, credentialSettings } from "@/lib/http/authorize";
import { auditAddress, auditStore, recordAudit, type AuditFields } from "@/lib/read/audit";
import type { AuditAction } from "@/lib/snapshot/audit";
import { identify } from "@/lib/security/credentials";
import type { Identity, Role } from "@/lib/security/identity";

/**
 * The caller when they hold at least `needed`, or the 401/403 to answer. `attempted` names what a
 * refused caller tried (an audit action, or the endpoint read); a 401 is not recorded (nobody to name,
 * and the proxy's sign-in throttling already counts bad credentials).
 */
export async function authorized(
  request: Request,
  needed: Role,
  attempted: string,
  now = new Date(),
): Promise<{ identity: Identity } | { refused: Response }> {
  const checked = await authorize(request, needed, now);
  if ("refused" in checked && checked.refused.status === 403) {
    const identified = await identify(request.headers, credentialSettings(), now);
    if (identified.ok)
      await recordAudit(
        auditStore(),
        identified.identity,
        "access-denied",
        {
          target: attempted,
          outcome: "refused",
          detail: `needs the ${needed} role`,
          address: auditAddress(request.headers),
        },
        now,
      );
  }
  return checked;
}

/** Records a change `identity` made through `request` (never fails the request; see lib/read/audit.ts). */
export function recordChange(
  request: Request,
  identity: Identity,
  action: AuditAction,
  fields: Omit<AuditFields, "address" | "outcome">,
): Promise<boolean> {
  return recordAudit(auditStore(), identity, action, { ...fields, address: auditAddress(request.headers) });
}
