// Who may reach the dashboard: the one place that decides whether the server may listen on an address
// and whether the authentication settings are usable. Plain JavaScript so that start-standalone.mjs
// can run it before the server starts; lib/env.ts, the proxy and the server's own start check
// (instrumentation.ts) import the same checks (typed by listen-policy.d.mts), so the start script and
// the running server can never disagree.
import { createHash } from "node:crypto";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary } from "@zxcvbn-ts/language-en";
import { oidcConfig, oidcSettingsProblems } from "./oidc-policy.mjs";

/** The shortest shared token accepted: 32 characters of a random string is well beyond guessing. */
export const MIN_TOKEN_LENGTH = 32;
/** The estimated strength a shared token (and any other machine secret) needs: 2^128 guesses. */
export const MIN_SECRET_BITS = 128;
/** The shortest Basic-auth password accepted. */
export const MIN_PASSWORD_LENGTH = 12;
/**
 * The estimated strength a Basic-auth password needs: 10^10 guesses (about 33 bits), zxcvbn's top
 * score. A person types this one, so it is judged as a password (against common passwords, words,
 * names, keyboard walks, dates and l33t spellings), not as a random string.
 */
export const MIN_PASSWORD_BITS = 33;
/** What every message recommends: 32 random bytes, 256 bits. */
export const GENERATE_HINT = "generate one with `openssl rand -base64 32`";

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

// --- Secret strength -------------------------------------------------------------------------------

/**
 * Only the first characters are examined: 64 characters of a random string are far beyond any
 * threshold here, and zxcvbn's matching time grows quickly with length (a 268-character string took
 * about 2 s). The rest of a longer secret is not counted, which can only underestimate it.
 */
const MAX_EXAMINED_LENGTH = 64;
/**
 * zxcvbn tries every l33t spelling of a string (0→o, 1→l, 3→e…); a random base64 string has so many
 * candidate characters that the default of 100 substitutions takes ~300 ms per check. 8 still finds
 * "P@ssw0rd"-style spellings.
 */
const L33T_MAX_SUBSTITUTIONS = 8;
/**
 * Patterns that a random string contains by chance, counted as random characters in a machine secret:
 * in 1000 random 32-digit hex strings zxcvbn read a "date" into most digit runs ("94401", "170774"),
 * and found "c0c0"-style repeats and l33t words ("b0b5") in one in ten. A date or a year is at most 8
 * characters, so believing it is not worth refusing random tokens; short repeats, runs and walks, and
 * short l33t spellings likewise. Dictionary words count from 4 letters: a token made of short words
 * is a passphrase and must be priced as one.
 */
function chance(match, length) {
  if (match.pattern === "separator") return false;
  // "2024-01-15" is a date someone wrote; "20240115" inside a random string is a digit run.
  if (match.pattern === "date") return !match.separator;
  if (match.pattern === "regex") return true;
  if (match.pattern === "dictionary") return length < (match.l33t ? 6 : 4);
  return length < 5;
}

// Shared by every copy of this module in the process (the server bundles it more than once), so the
// dictionaries are ranked once (~200 ms) and each secret is estimated once (~20-40 ms).
const SHARED = Symbol.for("safekeep.secretStrength");
function shared() {
  globalThis[SHARED] ??= { estimator: undefined, bits: new Map() };
  return globalThis[SHARED];
}

function estimator() {
  const state = shared();
  state.estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary },
    graphs: adjacencyGraphs,
    l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
    maxLength: MAX_EXAMINED_LENGTH,
  });
  return state.estimator;
}

/**
 * Bits per character of a random string drawn from the character classes the secret uses. zxcvbn
 * prices every unmatched character at 10 guesses (3.3 bits), which is right for what people type but
 * makes a 32-character hex token (128 random bits) look like 106; a machine secret is priced by its
 * alphabet instead: hex 4 bits, base64 about 6.
 */
function bitsPerCharacter(text) {
  if (/^[0-9]+$/.test(text)) return Math.log2(10);
  if (/^[0-9a-f]+$/.test(text) || /^[0-9A-F]+$/.test(text)) return 4;
  const lower = /[a-z]/.test(text);
  const upper = /[A-Z]/.test(text);
  let alphabet = (lower ? 26 : 0) + (upper ? 26 : 0);
  // Mixed case is base62/base64 output, which now and then happens to hold no digit.
  if (/[0-9]/.test(text) || (lower && upper)) alphabet += 10;
  const symbols = text.match(/[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/g) ?? [];
  // base64 adds "+/" and base64url "-_"; any other punctuation means the printable ASCII set.
  if (symbols.length > 0) alphabet += symbols.every((c) => "+/-_".includes(c)) ? 2 : 33;
  if (/[^\x20-\x7e]/.test(text)) alphabet += 100;
  return Math.log2(Math.max(alphabet, 2));
}

const PATTERN_NAMES = {
  repeat: "a repeated block",
  sequence: "a run like abcd or 1234",
  spatial: "a keyboard walk",
  dictionary: "a word or common password",
  date: "a date",
  regex: "a year",
};

function cacheKey(kind, value, userInputs) {
  return createHash("sha256")
    .update(JSON.stringify([kind, value, userInputs]))
    .digest("base64");
}

/**
 * The estimated strength of a machine secret (a token, a signing key) in bits: zxcvbn finds the
 * patterns (repeats, runs, keyboard walks, dictionary words, dates) and prices each at its own guess
 * count, every other character at the secret's alphabet (`bits`); `nominalBits` is what the same
 * length of random characters from that alphabet holds. Returns the patterns found, by name, for the
 * message. Trailing `=` (base64 padding) carries nothing and is not counted.
 */
export function estimateSecretBits(value, userInputs = []) {
  const text = value.replace(/=+$/, "");
  const key = cacheKey("secret", text, userInputs);
  const cached = shared().bits.get(key);
  if (cached) return cached;
  const perCharacter = bitsPerCharacter(text);
  const result = estimator().check(text, userInputs);
  let bits = 0;
  const patterns = new Set();
  for (const match of result.sequence) {
    const length = match.j - match.i + 1;
    const random = length * perCharacter;
    if (match.pattern === "bruteforce" || chance(match, length)) {
      bits += random;
      continue;
    }
    const guessed = Math.log2(Math.max(match.guesses, 1));
    if (guessed < random) patterns.add(PATTERN_NAMES[match.pattern] ?? "a pattern");
    bits += Math.min(guessed, random);
  }
  const nominal = Math.min(text.length, MAX_EXAMINED_LENGTH) * perCharacter;
  const estimate = { bits: Math.floor(bits), nominalBits: Math.floor(nominal), patterns: [...patterns] };
  shared().bits.set(key, estimate);
  return estimate;
}

/** The estimated strength of a password in bits, as zxcvbn judges what people type. */
export function estimatePasswordBits(value, userInputs = []) {
  const key = cacheKey("password", value, userInputs);
  const cached = shared().bits.get(key);
  if (cached) return cached;
  const result = estimator().check(value, userInputs);
  const patterns = new Set();
  for (const match of result.sequence)
    if (match.pattern !== "bruteforce" && PATTERN_NAMES[match.pattern]) patterns.add(PATTERN_NAMES[match.pattern]);
  const estimate = { bits: Math.floor(result.guessesLog10 * Math.log2(10)), patterns: [...patterns] };
  shared().bits.set(key, estimate);
  return estimate;
}

function weakness(name, estimate, minBits) {
  const found = estimate.patterns.length > 0 ? `; it contains ${estimate.patterns.join(", ")}` : "";
  return `${name} is too easy to guess (about ${estimate.bits} bits, needs ${minBits}${found}): ${GENERATE_HINT}`;
}

/**
 * The share of a machine secret's bits that patterns may take: random strings contain short ones by
 * chance (in 3000 random 32-digit hex tokens, 16 random bytes, the patterns zxcvbn still found took
 * up to 19 bits), so a secret is refused for its patterns only when they take more than a quarter.
 */
const PATTERN_ALLOWANCE = 0.25;

/**
 * Problems with a machine secret (`name` is the variable, for the message): empty when it is set and
 * strong, or not set. Messages never repeat the value. For SAFEKEEP_AUTH_TOKEN, session-signing
 * secrets and the like: 32 random bytes (`openssl rand -base64 32`) are 256 bits; 16 random bytes as
 * hex (`openssl rand -hex 16`) are 128 and pass.
 */
export function secretProblems(name, value, minBits = MIN_SECRET_BITS) {
  if (value === undefined || value === "") return [];
  if (/\s/.test(value)) return [`${name} must not contain whitespace`];
  const estimate = estimateSecretBits(value);
  if (estimate.nominalBits < minBits)
    return [
      `${name} is too short for the characters it uses (about ${estimate.nominalBits} bits, needs ${minBits}): ${GENERATE_HINT}`,
    ];
  return estimate.bits < minBits * (1 - PATTERN_ALLOWANCE) ? [weakness(name, estimate, minBits)] : [];
}

/** Problems with SAFEKEEP_AUTH_TOKEN / SAFEKEEP_BASIC_AUTH; empty means usable (or not set). */
export function authSettingsProblems(source) {
  const problems = [];
  const token = source.SAFEKEEP_AUTH_TOKEN;
  if (token !== undefined && token !== "") {
    if (token.length < MIN_TOKEN_LENGTH)
      problems.push(`SAFEKEEP_AUTH_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters: ${GENERATE_HINT}`);
    else problems.push(...secretProblems("SAFEKEEP_AUTH_TOKEN", token, MIN_SECRET_BITS));
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
      problems.push(
        `the SAFEKEEP_BASIC_AUTH password must be at least ${MIN_PASSWORD_LENGTH} characters: ${GENERATE_HINT}`,
      );
    else {
      // The user name and the product's name are the first things an attacker tries in the password.
      const estimate = estimatePasswordBits(password, [user, "safekeep"]);
      if (estimate.bits < MIN_PASSWORD_BITS)
        problems.push(weakness("the SAFEKEEP_BASIC_AUTH password", estimate, MIN_PASSWORD_BITS));
    }
  }
  // The key that seals sign-in sessions: whoever guesses it can mint an admin session.
  for (const name of ["SAFEKEEP_SESSION_SECRET", "SAFEKEEP_SESSION_SECRET_PREVIOUS"]) {
    const secret = source[name];
    if (secret === undefined || secret === "") continue;
    if (secret.length < MIN_TOKEN_LENGTH)
      problems.push(`${name} must be at least ${MIN_TOKEN_LENGTH} characters: ${GENERATE_HINT}`);
    else problems.push(...secretProblems(name, secret, MIN_SECRET_BITS));
  }
  return problems;
}

// --- Who may connect -------------------------------------------------------------------------------

/** The shared token and/or Basic pair configured, or undefined when neither setting is given. */
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
 * Whether anything is configured that proves who a caller is: a shared token, a Basic pair or a
 * complete OpenID Connect sign-in. The one decision behind "loopback unless authenticated", at start
 * and per request; lib/security/credentials.ts makes the same one from the parsed settings.
 */
export function authenticationConfigured(source) {
  return authConfig(source) !== undefined || oidcConfig(source) !== undefined;
}

/**
 * The address Next's standalone server.js listens on: `HOSTNAME`, or every interface when it is unset
 * (its generated `const hostname = process.env.HOSTNAME || '0.0.0.0'`). A container runtime sets
 * HOSTNAME to the container's name, which is not loopback either.
 */
export function standaloneListenAddress(source) {
  return source.HOSTNAME || "0.0.0.0";
}

const AUTH_HINT =
  `Set SAFEKEEP_AUTH_TOKEN (a random string of at least ${MIN_TOKEN_LENGTH} characters, e.g. from ` +
  `\`openssl rand -base64 32\`) and/or SAFEKEEP_BASIC_AUTH="user:password" (password of at least ` +
  `${MIN_PASSWORD_LENGTH} characters), or sign-in through OpenID Connect (SAFEKEEP_OIDC_*)`;

/** What the server says to every request (but /api/health) while it listens beyond loopback unauthenticated. */
export function exposedMessage(address) {
  return (
    `This Safekeep server listens on ${address} without authentication, so it answers no one. ` +
    `${AUTH_HINT}, or listen on 127.0.0.1 (npm start does by default).`
  );
}

function decide(source, addresses, describe) {
  const problems = [...authSettingsProblems(source), ...oidcSettingsProblems(source)];
  if (problems.length > 0) return { ok: false, message: `Safekeep will not start: ${problems.join("; ")}.` };
  const exposed = addresses.find((address) => !isLoopbackHost(address));
  if (exposed !== undefined && !authenticationConfigured(source)) {
    return {
      ok: false,
      message:
        `Safekeep will not start: ${describe(exposed)} would let other machines reach the dashboard without ` +
        `authentication. ${AUTH_HINT}, or listen on 127.0.0.1.`,
    };
  }
  return { ok: true, authenticated: authenticationConfigured(source) };
}

/**
 * Whether the start script may start the server: auth settings must be usable when given, and an
 * address other than loopback needs authentication, because anyone who can reach the port would see
 * the whole posture of the account and could start scans with the server's AWS credentials.
 */
export function listenDecision(source) {
  const host = source.SAFEKEEP_HOST || "127.0.0.1";
  return { host, ...decide(source, [host], (address) => `SAFEKEEP_HOST=${address}`) };
}

/**
 * The same rule, checked by the server itself once it runs (instrumentation.ts), however it was
 * started: `addresses` are those it actually listens on when known, else what server.js would use.
 */
export function serverDecision(source, addresses) {
  const listening = addresses && addresses.length > 0 ? addresses : [standaloneListenAddress(source)];
  return {
    addresses: listening,
    ...decide(source, listening, (address) => `listening on ${address}`),
  };
}
