/**
 * The role check every route handler makes for itself: the proxy authenticates each request, but a
 * proxy is not a security boundary on its own (a route reached some other way, a matcher changed),
 * so a handler that reads or changes something names the caller again and checks their role.
 */
import { env } from "@/lib/env";
import { identify, type CredentialSettings } from "@/lib/security/credentials";
import { roleAllows, roleRefusal, type Identity, type Role } from "@/lib/security/identity";
import { problem } from "./route";

export function credentialSettings(): CredentialSettings {
  const settings = env();
  return { auth: settings.auth, oidc: settings.oidc, tokenRole: settings.tokenRole, basicRole: settings.basicRole };
}

/** The caller when they hold at least `needed`; otherwise the 401 or 403 to answer. */
export async function authorize(
  request: Request,
  needed: Role,
  now = new Date(),
): Promise<{ identity: Identity } | { refused: Response }> {
  const identified = await identify(request.headers, credentialSettings(), now);
  if (!identified.ok) return { refused: problem(401, "Authentication required.") };
  if (!roleAllows(identified.identity.role, needed))
    return { refused: problem(403, roleRefusal(identified.identity, needed)) };
  return { identity: identified.identity };
}
