/**
 * Error text from AWS (and from the network stack) ends up in stored snapshots and on screen, so it
 * is scrubbed of anything that could be a credential before it leaves lib/aws/. It is plain text
 * redaction with no AWS dependency, so the log (lib/log.ts) uses the same patterns.
 */

export const MAX_MESSAGE_LENGTH = 200;

const REDACTED = "[redacted]";

/** Each pattern removes one kind of secret; the order matters only in that key=value runs first. */
const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // `secret=…`, `"SessionToken": "…"`, `password: …`: keep the key (it explains the error), drop the value.
  [
    /\b(aws_secret_access_key|secret_?access_?key|aws_session_token|session_?token|security_?token|client_?secret|api_?key|auth_?token|access_?token|password|passwd|secret|token)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
    `$1$2${REDACTED}`,
  ],
  [/\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi, `Bearer ${REDACTED}`],
  // JSON Web Tokens (Cognito and OIDC tokens are JWTs).
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, REDACTED],
  // Access key ids: long-term (AKIA), temporary (ASIA) and the bearer-token/context key prefixes.
  [/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,}\b/g, REDACTED],
  // Session tokens and other long base64 blobs.
  [/[A-Za-z0-9/+]{80,}={0,2}/g, REDACTED],
  // Secret access keys are exactly 40 base64 characters; requiring a digit and a letter spares plain words.
  [
    /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}\d)(?=[A-Za-z0-9/+]{0,39}[A-Za-z])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    REDACTED,
  ],
];

/** The text with every credential shape above replaced; the structured logger (lib/log.ts) uses it too. */
export function redactSecrets(text: string): string {
  let clean = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) clean = clean.replace(pattern, replacement);
  return clean;
}

/** Strips credentials, collapses whitespace and caps the text at 200 characters. */
export function sanitizeMessage(text: string): string {
  const clean = redactSecrets(text).replace(/\s+/g, " ").trim();
  return clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : clean;
}
