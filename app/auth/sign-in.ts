/**
 * The three steps of signing in and out, for the /auth route handlers:
 * - start: seal a login transaction into a short-lived cookie and send the person to the provider;
 * - callback: check and complete the sign-in, then set the session cookie (or say why not);
 * - sign-out: drop the session cookie.
 * Every outcome is written to the audit log; failed sign-ins count towards the login throttle of the
 * client's address (lib/security/throttle.ts), and a throttled address is turned away before the
 * provider's answer is even checked.
 */
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { auditStore, recordAudit } from "@/lib/read/audit";
import { clientAddress } from "@/lib/security/client-address";
import { cookieValue, identify, loginCookieName } from "@/lib/security/credentials";
import type { Identity } from "@/lib/security/identity";
import { beginLogin, finishLogin, safeReturnTo } from "@/lib/security/oidc";
import { SESSION_ABSOLUTE_SECONDS, sealSession } from "@/lib/security/session";
import { loginThrottle } from "@/lib/security/throttle";
import { credentialSettings } from "@/lib/http/authorize";
import { NO_STORE, problem } from "@/lib/http/route";
import { clearedLoginCookie, clearedSessionCookie, loginCookie, sessionCookie } from "@/lib/http/session-cookies";

function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ Location: location, ...NO_STORE });
  for (const c of cookies) headers.append("Set-Cookie", c);
  return new Response(null, { status: 303, headers });
}

function tooManyAttempts(retryAfterSeconds: number): Response {
  return Response.json(
    { error: "Too many failed sign-ins from this address; try again later." },
    { status: 429, headers: { ...NO_STORE, "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) } },
  );
}

/** GET /auth/login?returnTo=/path */
export async function startSignIn(request: Request, now = new Date()): Promise<Response> {
  const oidc = env().oidc;
  if (!oidc) return problem(404, "Sign-in through an identity provider is not configured on this server.");
  const returnTo = safeReturnTo(new URL(request.url).searchParams.get("returnTo"));
  try {
    const { url, transaction } = await beginLogin(oidc, returnTo, now);
    return redirect(url.toString(), [loginCookie(oidc, transaction)]);
  } catch (error) {
    log.error("auth.provider-unreachable", { error });
    return redirect("/signin?error=provider-unreachable");
  }
}

/** Someone the provider named but Safekeep turned away, for the audit log. */
function refusedCaller(who: { subject: string; name: string } | undefined): Identity {
  return who
    ? { method: "session", name: who.name, subject: who.subject, role: "viewer" }
    : { method: "session", name: "unknown", subject: "unknown", role: "viewer" };
}

/** GET /auth/callback?code=…&state=… */
export async function completeSignIn(request: Request, now = new Date()): Promise<Response> {
  const settings = env();
  const oidc = settings.oidc;
  if (!oidc) return problem(404, "Sign-in through an identity provider is not configured on this server.");
  const address = clientAddress(request.headers, settings.trustedProxyHops);
  const throttle = loginThrottle();
  const gate = await throttle.check({ address });
  if (gate.blocked) return tooManyAttempts(gate.retryAfterSeconds);

  const outcome = await finishLogin(
    oidc,
    new URL(request.url),
    cookieValue(request.headers.get("cookie"), loginCookieName(oidc)),
    now,
  );
  const store = auditStore();
  if (!outcome.ok) {
    log.warn("auth.sign-in-refused", { reason: outcome.code, detail: outcome.detail });
    await recordAudit(
      store,
      refusedCaller(outcome.who),
      "sign-in-refused",
      { outcome: "refused", detail: outcome.code, address },
      now,
    );
    // A forged or replayed answer is a guess like a wrong password; a person without a group is not.
    if (outcome.code === "token-rejected" || outcome.code === "no-transaction") {
      const failed = await throttle.failed({ address, user: outcome.who?.subject });
      for (const lock of failed.lockedOut) {
        log.warn("auth.locked-out", { scope: lock.scope, until: lock.until.toISOString(), failures: lock.failures });
        await recordAudit(
          store,
          refusedCaller(outcome.who),
          "lockout",
          { outcome: "refused", detail: `${lock.scope} blocked until ${lock.until.toISOString()}`, address },
          now,
        );
      }
    }
    return redirect(`/signin?error=${outcome.code}`, [clearedLoginCookie(oidc)]);
  }
  await throttle.succeeded({ address, user: outcome.subject });
  const seconds = Math.floor(now.getTime() / 1000);
  const sealed = await sealSession(
    { subject: outcome.subject, name: outcome.name, role: outcome.role, signedInAt: seconds, seenAt: seconds },
    oidc.sessionSecrets[0]!,
    now,
  );
  const identity: Identity = { method: "session", name: outcome.name, subject: outcome.subject, role: outcome.role };
  await recordAudit(store, identity, "sign-in", { outcome: "ok", detail: `role ${outcome.role}`, address }, now);
  return redirect(outcome.returnTo, [clearedLoginCookie(oidc), sessionCookie(oidc, sealed, SESSION_ABSOLUTE_SECONDS)]);
}

/** POST /auth/logout, from the header's sign-out button (a same-origin form). */
export async function signOut(request: Request, now = new Date()): Promise<Response> {
  const settings = env();
  const oidc = settings.oidc;
  if (!oidc) return problem(404, "Sign-in through an identity provider is not configured on this server.");
  if (request.headers.get("sec-fetch-site") === "cross-site") return problem(403, "Cross-site requests are refused.");
  const identified = await identify(request.headers, credentialSettings(), now);
  if (identified.ok && identified.identity.method === "session") {
    const address = clientAddress(request.headers, settings.trustedProxyHops);
    await recordAudit(auditStore(), identified.identity, "sign-out", { outcome: "ok", address }, now);
  }
  return redirect("/signin?signedOut=1", [clearedSessionCookie(oidc)]);
}
