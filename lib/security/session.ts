/**
 * The signed-in session: an encrypted, integrity-protected cookie (JWE, `dir` + A256GCM, through
 * jose) holding who the person is and when they signed in, never the identity provider's tokens.
 * Nothing is kept on the server, so any number of dashboard processes accept the same cookie.
 *
 * - Absolute lifetime 8 hours from sign-in; idle timeout 1 hour (the cookie is re-sealed with a fresh
 *   "last seen" at most every 5 minutes, so an active person stays signed in and an idle one does not).
 * - Rotation: cookies are sealed with the current secret and opened with the current or the previous
 *   one (SAFEKEEP_SESSION_SECRET_PREVIOUS), so changing the secret signs nobody out early; drop the
 *   previous secret after one session lifetime (8 hours).
 * - Each purpose derives its own key (HKDF), so a login-transaction cookie can never be replayed as a
 *   session, nor the other way round.
 */
import { hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import { isRole, type Role } from "./identity";

export const SESSION_ABSOLUTE_SECONDS = 8 * 60 * 60;
export const SESSION_IDLE_SECONDS = 60 * 60;
/** Re-seal the cookie when "last seen" is older than this: fewer Set-Cookie headers, idle time exact to 5 minutes. */
export const SESSION_REFRESH_SECONDS = 5 * 60;
/** A sign-in must come back from the identity provider within this time. */
export const LOGIN_TRANSACTION_SECONDS = 10 * 60;

export type SealPurpose = "session" | "login";

const keyCache = new Map<string, Uint8Array>();

function keyFor(secret: string, purpose: SealPurpose): Uint8Array {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "safekeep", `safekeep ${purpose} cookie v1`, 32));
    keyCache.set(cacheKey, key);
  }
  return key;
}

/** Seals `payload` for `purpose`, valid for `lifetimeSeconds` from `now`. */
export async function seal(
  payload: Record<string, unknown>,
  secret: string,
  purpose: SealPurpose,
  lifetimeSeconds: number,
  now: Date,
): Promise<string> {
  const seconds = Math.floor(now.getTime() / 1000);
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(seconds)
    .setExpirationTime(seconds + lifetimeSeconds)
    .encrypt(keyFor(secret, purpose));
}

/** The payload, or undefined when no secret opens it, it was sealed for another purpose or it has expired. */
export async function unseal(
  token: string,
  secrets: readonly string[],
  purpose: SealPurpose,
  now: Date,
): Promise<Record<string, unknown> | undefined> {
  if (token.length > 4096) return undefined;
  for (const secret of secrets) {
    try {
      const { payload } = await jwtDecrypt(token, keyFor(secret, purpose), {
        currentDate: now,
        keyManagementAlgorithms: ["dir"],
        contentEncryptionAlgorithms: ["A256GCM"],
      });
      return payload as Record<string, unknown>;
    } catch {
      // Wrong key, tampered, expired or not a JWE at all: try the previous secret, then give up.
    }
  }
  return undefined;
}

export interface Session {
  subject: string;
  name: string;
  role: Role;
  /** Sign-in time, seconds since the epoch: fixes the absolute expiry. */
  signedInAt: number;
  /** Last request, seconds since the epoch: fixes the idle expiry. */
  seenAt: number;
}

export async function sealSession(session: Session, secret: string, now: Date): Promise<string> {
  // The JWE expires at whichever limit comes first; openSession checks both again.
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const lifetime =
    Math.min(session.signedInAt + SESSION_ABSOLUTE_SECONDS, nowSeconds + SESSION_IDLE_SECONDS) - nowSeconds;
  return seal(
    { sub: session.subject, name: session.name, role: session.role, sat: session.signedInAt, seen: session.seenAt },
    secret,
    "session",
    Math.max(1, lifetime),
    now,
  );
}

export async function openSession(token: string, secrets: readonly string[], now: Date): Promise<Session | undefined> {
  const payload = await unseal(token, secrets, "session", now);
  if (!payload) return undefined;
  const { sub, name, role, sat, seen } = payload;
  if (typeof sub !== "string" || typeof name !== "string" || !isRole(role)) return undefined;
  if (typeof sat !== "number" || typeof seen !== "number") return undefined;
  const nowSeconds = now.getTime() / 1000;
  if (nowSeconds >= sat + SESSION_ABSOLUTE_SECONDS || nowSeconds >= seen + SESSION_IDLE_SECONDS) return undefined;
  return { subject: sub, name, role, signedInAt: sat, seenAt: seen };
}

/** Whether the cookie should be re-sealed with a fresh "last seen" on this request. */
export function sessionNeedsRefresh(session: Session, now: Date): boolean {
  return now.getTime() / 1000 - session.seenAt >= SESSION_REFRESH_SECONDS;
}
