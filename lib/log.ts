/**
 * Safekeep's structured log: one JSON line per event on stderr, `{time, level, event, fields}`.
 *
 * Redaction happens here, by construction, rather than at each call site: whatever a caller passes
 * in `fields` is walked and
 * - values under a key that names a secret (token, password, authorization, clientSecret, credentials…)
 *   are replaced whole;
 * - every string has the secrets this process knows about (its own auth settings and AWS keys),
 *   credentials inside URLs, bearer/Basic credentials, JWTs, AWS access key ids and secret-key shapes
 *   masked, then personal data masked exactly as snapshots mask it (`maskingOptions`);
 * - errors keep their name, message and a short stack, all masked the same way.
 * A call site therefore cannot leak a secret by logging the wrong object, and the logger never throws.
 */
import { formatWithOptions } from "node:util";
import { redactSecrets } from "@/lib/detectors/sanitize";
import { maskingOptions, maskPersonalData } from "@/lib/detectors/pii";
import { findUrls, redactUrl } from "@/lib/detectors/urls";

export type LogLevel = "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export const REDACTED = "[redacted]";

/** Field names whose values are secrets whatever they hold. */
const SECRET_KEY =
  /secret|token|passw(?:or)?d|passphrase|authori[sz]ation|credential|cookie|api[-_]?key|private[-_]?key|signature|session[-_]?id/i;
/** `Basic dXNlcjpwYXNz`: the Basic scheme carries a password in base64; the Bearer form is in redactSecrets. */
const BASIC_CREDENTIALS = /\bBasic\s+[A-Za-z0-9+/]+=*/gi;
const AWS_ACCOUNT_ID = /^\d{12}$/;
/** Longer strings are cut before masking (a log line is not a data dump) and again after it. */
const MAX_INPUT_LENGTH = 20_000;
const MAX_STRING_LENGTH = 2_000;
const MAX_DEPTH = 6;
const MAX_ITEMS = 50;
const MAX_STACK_LINES = 12;
/** Shorter configured secrets are not searched for literally (they would mask ordinary words). */
const MIN_KNOWN_SECRET_LENGTH = 8;

/** Secrets of this process that must never appear in a log line, even inside an unrelated message. */
function knownSecrets(source: Record<string, string | undefined>): string[] {
  const basic = source.SAFEKEEP_BASIC_AUTH;
  const candidates = [
    source.SAFEKEEP_AUTH_TOKEN,
    basic && basic.includes(":") ? basic.slice(basic.indexOf(":") + 1) : undefined,
    source.AWS_SECRET_ACCESS_KEY,
    source.AWS_SESSION_TOKEN,
    // Webhook URLs carry their token in the path; the generic webhook's signing secret.
    source.SAFEKEEP_NOTIFY_SLACK_URL,
    source.SAFEKEEP_NOTIFY_TEAMS_URL,
    source.SAFEKEEP_NOTIFY_WEBHOOK_URL,
    source.SAFEKEEP_NOTIFY_WEBHOOK_SECRET,
  ];
  return candidates.filter((s): s is string => typeof s === "string" && s.length >= MIN_KNOWN_SECRET_LENGTH);
}

interface MaskContext {
  secrets: string[];
  accountId: string;
}

export function maskLogString(text: string, context: MaskContext): string {
  let clean = text.length > MAX_INPUT_LENGTH ? text.slice(0, MAX_INPUT_LENGTH) : text;
  for (const secret of context.secrets) clean = clean.split(secret).join(REDACTED);
  for (const url of new Set(findUrls(clean))) clean = clean.split(url).join(redactUrl(url));
  clean = redactSecrets(clean).replace(BASIC_CREDENTIALS, `Basic ${REDACTED}`);
  clean = maskPersonalData(clean, maskingOptions(context.accountId));
  return clean.length > MAX_STRING_LENGTH ? `${clean.slice(0, MAX_STRING_LENGTH - 1)}…` : clean;
}

function serialiseError(error: Error, context: MaskContext, depth: number, seen: WeakSet<object>) {
  const out: Record<string, unknown> = {
    name: maskLogString(error.name, context),
    message: maskLogString(error.message, context),
  };
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") out.code = code;
  if (error.stack) {
    out.stack = maskLogString(error.stack.split("\n").slice(1, MAX_STACK_LINES).join("\n").trim(), context);
  }
  if (error.cause !== undefined) out.cause = clean(error.cause, context, depth + 1, seen);
  return out;
}

function clean(value: unknown, context: MaskContext, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return maskLogString(value, context);
  if (typeof value === "bigint") return value.toString();
  if (typeof value !== "object") return typeof value === "undefined" ? undefined : `[${typeof value}]`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[…]";
  seen.add(value);
  if (value instanceof Error) return serialiseError(value, context, depth, seen);
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => clean(v, context, depth + 1, seen));
    return value.length > MAX_ITEMS ? [...items, `… ${value.length - MAX_ITEMS} more`] : items;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value).slice(0, MAX_ITEMS)) {
    const name = maskLogString(key, context);
    out[name] = SECRET_KEY.test(key)
      ? v === undefined || v === null || v === ""
        ? v
        : REDACTED
      : clean(v, context, depth + 1, seen);
  }
  return out;
}

/** The fields as they will be written: secrets and personal data masked. */
export function redactFields(fields: LogFields, source: Record<string, string | undefined> = process.env): LogFields {
  const accountId =
    typeof fields.accountId === "string" && AWS_ACCOUNT_ID.test(fields.accountId) ? fields.accountId : "";
  return clean(fields, { secrets: knownSecrets(source), accountId }, 0, new WeakSet()) as LogFields;
}

export interface LoggerOptions {
  write?: (line: string) => void;
  now?: () => Date;
  env?: Record<string, string | undefined>;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, event: string, fields: LogFields = {}) => {
    let line: string;
    try {
      const redacted = redactFields(fields, options.env ?? process.env);
      line = JSON.stringify({ time: now().toISOString(), level, event, fields: redacted });
    } catch {
      // A field that cannot be serialised must not take the request down, nor be written raw.
      line = JSON.stringify({ time: now().toISOString(), level, event, fields: { logError: "unserialisable fields" } });
    }
    try {
      write(`${line}\n`);
    } catch {
      // stderr closed: nothing sensible left to do.
    }
  };
  return {
    info: (event, fields) => emit("info", event, fields),
    warn: (event, fields) => emit("warn", event, fields),
    error: (event, fields) => emit("error", event, fields),
  };
}

export const log: Logger = createLogger();

/** Terminal colour codes: Next.js colours its messages when stdout is a terminal. */
const ANSI_ESCAPES = /\u001b\[[0-9;]*m/g;

/**
 * A console.* call or a raw write of the server (routed by scripts/server-output.mjs) as a log line:
 * the text in `message`, the first Error as `error` (name, message and stack as one string field), all
 * redacted like every other line. The logger writes to process.stderr directly, never through
 * console, so routing console here cannot loop.
 */
export function logOutput(level: LogLevel, event: string, args: unknown[], logger: Logger = log): void {
  const error = args.find((a): a is Error => a instanceof Error);
  const rest = args.filter((a) => a !== error);
  const message = rest.length > 0 ? formatWithOptions({ colors: false }, ...rest).replace(ANSI_ESCAPES, "") : "";
  logger[level](event, { ...(message ? { message } : {}), ...(error ? { error } : {}) });
}
