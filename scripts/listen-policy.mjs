// Who may reach the dashboard: the one place that decides whether the server may listen on an address
// and whether the authentication settings are usable. Plain JavaScript so that start-standalone.mjs
// can run it before the server starts; lib/env.ts and the proxy import the same checks (typed by
// listen-policy.d.mts), so the start script and the running server can never disagree.

/** The shortest shared token accepted: 32 characters of a random string is well beyond guessing. */
export const MIN_TOKEN_LENGTH = 32;
/** The shortest Basic-auth password accepted. */
export const MIN_PASSWORD_LENGTH = 12;
/** Fewer distinct characters than this is a pattern ("aaaa…", "abab…"), not a random secret. */
const MIN_DISTINCT_CHARACTERS = 8;

/** `localhost`, 127.0.0.0/8 and ::1 (also IPv4-mapped): only this machine can connect. */
export function isLoopbackHost(host) {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  const v4 = h.startsWith("::ffff:") ? h.slice("::ffff:".length) : h;
  const octets = v4.split(".");
  return octets.length === 4 && octets[0] === "127" && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

function distinct(text) {
  return new Set(text).size;
}

/** Problems with SAFEKEEP_AUTH_TOKEN / SAFEKEEP_BASIC_AUTH; empty means usable (or not set). */
export function authSettingsProblems(source) {
  const problems = [];
  const token = source.SAFEKEEP_AUTH_TOKEN;
  if (token !== undefined && token !== "") {
    if (token.length < MIN_TOKEN_LENGTH)
      problems.push(`SAFEKEEP_AUTH_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters`);
    else if (distinct(token) < MIN_DISTINCT_CHARACTERS)
      problems.push("SAFEKEEP_AUTH_TOKEN looks like a pattern, not a random secret");
    if (/\s/.test(token)) problems.push("SAFEKEEP_AUTH_TOKEN must not contain whitespace");
  }
  const basic = source.SAFEKEEP_BASIC_AUTH;
  if (basic !== undefined && basic !== "") {
    const colon = basic.indexOf(":");
    const user = colon < 0 ? "" : basic.slice(0, colon);
    const password = colon < 0 ? "" : basic.slice(colon + 1);
    if (colon < 1) problems.push('SAFEKEEP_BASIC_AUTH must be "user:password"');
    // RFC 7617: the user-id cannot contain a colon and neither part may hold control characters.
    else if (/[\u0000-\u001f\u007f]/.test(basic)) problems.push("SAFEKEEP_BASIC_AUTH must not hold control characters");
    else if (password.length < MIN_PASSWORD_LENGTH)
      problems.push(`the SAFEKEEP_BASIC_AUTH password must be at least ${MIN_PASSWORD_LENGTH} characters`);
    else if (distinct(password) < MIN_DISTINCT_CHARACTERS / 2 || password === user)
      problems.push("the SAFEKEEP_BASIC_AUTH password is too easy to guess");
  }
  return problems;
}

/** The authentication configured, or undefined when neither setting is given. */
export function authConfig(source) {
  const token = source.SAFEKEEP_AUTH_TOKEN || undefined;
  const basic = source.SAFEKEEP_BASIC_AUTH || undefined;
  if (!token && !basic) return undefined;
  const colon = basic ? basic.indexOf(":") : -1;
  return {
    token,
    basic: basic ? { user: basic.slice(0, colon), password: basic.slice(colon + 1) } : undefined,
  };
}

/**
 * Whether the server may start: auth settings must be usable when given, and an address other than
 * loopback needs authentication, because anyone who can reach the port would see the whole posture
 * of the account and could start scans with the server's AWS credentials.
 */
export function listenDecision(source) {
  const host = source.SAFEKEEP_HOST || "127.0.0.1";
  const problems = authSettingsProblems(source);
  if (problems.length > 0) return { ok: false, host, message: `Safekeep will not start: ${problems.join("; ")}.` };
  const auth = authConfig(source);
  if (!isLoopbackHost(host) && !auth) {
    return {
      ok: false,
      host,
      message:
        `Safekeep will not start: SAFEKEEP_HOST=${host} would let other machines reach the dashboard without ` +
        `authentication. Set SAFEKEEP_AUTH_TOKEN (a random string of at least ${MIN_TOKEN_LENGTH} characters, ` +
        `e.g. from \`openssl rand -base64 32\`) and/or SAFEKEEP_BASIC_AUTH="user:password" (password of at least ` +
        `${MIN_PASSWORD_LENGTH} characters), or listen on 127.0.0.1.`,
    };
  }
  return { ok: true, host, authenticated: auth !== undefined };
}
