/**
 * Who made a change, as far as the server knows: recorded with mutes (and any other change people
 * make). The proxy has already checked the credentials; this only names their holder. No secret is
 * ever part of the name.
 */
import { sameSecret } from "@/lib/security/auth";
import type { AuthConfig } from "@/scripts/listen-policy.mjs";

const MAX_NAME = 100;

function basicPair(header: string): { user: string; password: string } | undefined {
  const encoded = header.slice("basic ".length).trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function clean(name: string): string {
  return name
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, MAX_NAME);
}

/**
 * - no authentication configured: the server answers this machine only, so "local user";
 * - Basic with the configured user: that user name;
 * - Basic with the shared token as password: the name given, marked as unverified;
 * - Bearer with the shared token: "API token".
 */
export function actorOf(authorization: string | null, auth: AuthConfig | undefined): string {
  if (!auth || !authorization) return "local user";
  if (/^bearer /i.test(authorization)) return "API token";
  if (/^basic /i.test(authorization)) {
    const pair = basicPair(authorization);
    const user = clean(pair?.user ?? "");
    if (pair && auth.basic && sameSecret(pair.user, auth.basic.user) && sameSecret(pair.password, auth.basic.password))
      return user;
    return user ? `${user} (shared token, name not verified)` : "shared token";
  }
  return "unknown caller";
}
