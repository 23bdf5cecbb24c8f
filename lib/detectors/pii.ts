/**
 * Personal-data detector for names, descriptions and tags (controls.md §3.1): finds identifiers a
 * customer should never put into free-form fields, and masks them. Pure and synchronous apart from
 * hashing; every regular expression is compiled once at module load because the masking pass runs
 * over every reason and evidence string of every snapshot.
 *
 * A finding never carries the matched value: only a masked form (last 4 characters, or the first
 * letter and domain of an e-mail address) and a salted SHA-256 hash for de-duplication across scans.
 */
import { createHash } from "node:crypto";
import { ibanLength, ibanMod97, isValidSpanishId, luhn, verhoeff } from "./checksums";

export type PiiDetectorId =
  | "iban"
  | "card"
  | "ssn-us"
  | "nino-uk"
  | "sin-ca"
  | "aadhaar-in"
  | "pan-in"
  | "dni-es"
  | "nie-es"
  | "email"
  | "phone"
  | "account-number"
  | "aws-account-foreign"
  | "context-key";

/** high → fail, medium and low → warn, info → informational only (controls.md §3.1.2). */
export type PiiConfidence = "high" | "medium" | "low" | "info";

export interface PiiFinding {
  detector: PiiDetectorId;
  confidence: PiiConfidence;
  /** `•••• 1111`, `j•••@example.org` or `••••`: never the matched value. */
  masked: string;
  /** SHA-256 hex of salt + the value with separators removed (same value → same hash across scans). */
  hash: string;
  /** A published test number (e.g. card 4111 1111 1111 1111): callers may downgrade it in test resources. */
  knownTestValue?: boolean;
}

export interface PiiOptions {
  /** The scanned account: its own id is not personal data. */
  accountId: string;
  /** E-mail domains that are not personal data (the organisation's own, example.com...); subdomains match. */
  allowedEmailDomains: readonly string[];
  /** Tag key or field name the text is the value of: a key such as `customer-id` flags the value itself. */
  contextKey?: string;
  /** Hash salt; defaults to DEFAULT_PII_HASH_SALT. */
  salt?: string;
}

/**
 * Domains never reported: RFC 2606's documentation domain and AWS's own service domain. Organisations
 * add their corporate domains on top of these.
 */
export const DEFAULT_ALLOWED_EMAIL_DOMAINS: readonly string[] = ["example.com", "amazonaws.com"];

/**
 * Default hash salt: a fixed per-install constant, so hashes of one value match across scans (the
 * point of storing them). It is not a secret: hashes of short values such as 9-digit IDs can be
 * brute-forced with it, which is why findings also never leave the snapshot store unmasked. An install
 * that exports findings can pass its own `salt`.
 */
export const DEFAULT_PII_HASH_SALT = "safekeep-pii-v1";

/** Tag keys and field names that announce personal data in their value (controls.md §3.1.2, `context-key`). */
export const CONTEXT_KEY_PATTERN =
  /\b(ssn|social[ _-]?security|passport|national[ _-]?id|tax[ _-]?id|nino|aadhaar|dob|date[ _-]?of[ _-]?birth|credit[ _-]?card|card[ _-]?number|iban|acct|account[ _-]?(no|num|number)|routing|sort[ _-]?code|customer[ _-]?(id|no|number)|member[ _-]?id)\b/i;

const MASK = "••••";

/** Resource names use these as word separators; the second scan reads them as spaces (§3.1.1). */
const NAME_SEPARATORS = /[_./]/g;
/** Characters that join the groups of a written number. */
const DIGIT_GROUP_SEPARATORS = " -._/";

// Candidate patterns, in table order (controls.md §3.1.2). All global; `lastIndex` is reset per use.
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const CARD = /(?<!\d)(?:\d[ _.-]?){12,18}\d(?!\d)/g;
const SSN_FORMATTED = /(?<!\d)(?!000|666|9\d\d)\d{3}[- ](?!00)\d{2}[- ](?!0000)\d{4}(?!\d)/g;
const SSN_BARE = /(?<!\d)(?!000|666|9\d\d)\d{3}(?!00)\d{2}(?!0000)\d{4}(?!\d)/g;
const NINO = /\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/gi;
const SIN = /(?<!\d)\d{3}[- ]\d{3}[- ]\d{3}(?!\d)/g;
const AADHAAR = /(?<!\d)[2-9]\d{3}[ -]?\d{4}[ -]?\d{4}(?!\d)/g;
const PAN = /\b[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z]\b/g;
const DNI = /\b\d{8}-?[A-Z]\b/gi;
const NIE = /\b[XYZ]\d{7}-?[A-Z]\b/gi;
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}/g;
const PHONE_E164 = /(?<![\w+])\+[1-9]\d{7,14}(?!\d)/g;
const PHONE_FORMATTED = /(?<!\d)\(?\d{2,4}\)?[ .-]\d{3,4}[ .-]\d{3,4}(?!\d)/g;
const ACCOUNT_NUMBER = /(?<![\d+-])\d{8,17}(?![\d-])/g;
const AWS_ACCOUNT = /(?<!\d)\d{12}(?!\d)/g;

// Guards (controls.md §3.1.3).
const ARN_ACCOUNT = /arn:[^:\s]*:[^:\s]*:[^:\s]*:(\d{12}):/dg;
/** Generated ids whose last group can be 12 digits, which would read as an account id. */
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const DATE_STAMP = /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(\d{4,6})?$/;
const HEX_DIGIT = /[0-9a-fA-F]/;
const HEX_LETTER = /[a-fA-F]/;
const NON_DIGITS = /\D/g;
const NON_ALPHANUMERIC = /[^A-Za-z0-9]/g;
/** Anything a detector could start from: without a digit, an `@` or a context key there is nothing to find. */
const MIGHT_HOLD_PII = /[\d@]/;
const ALREADY_MASKED = /^(?:•+ ?[A-Za-z0-9]{0,4}|[A-Za-z0-9]?•+@\S+)$/;
const PLACEHOLDER_VALUES = new Set([
  "",
  "-",
  "n/a",
  "na",
  "none",
  "null",
  "unknown",
  "tbd",
  "true",
  "false",
  "yes",
  "no",
]);

/** Card numbers payment providers publish for testing. */
const TEST_CARD_NUMBERS = new Set([
  "4111111111111111",
  "4242424242424242",
  "4012888888881881",
  "4000056655665556",
  "5555555555554444",
  "5105105105105100",
  "2223003122003222",
  "378282246310005",
  "371449635398431",
  "6011111111111117",
  "3530111333300000",
  "30569309025904",
]);

interface ScanContext {
  allowedEmailDomains: readonly string[];
  /** A context keyword in the key or the text itself (raises some detectors' confidence). */
  hasContextKeyword: boolean;
}

interface Validated {
  confidence: PiiConfidence;
  /** The value with separators removed: what is hashed and masked. */
  value: string;
  masked: string;
  /** When the detector trims its candidate (IBAN), the new end. */
  end?: number;
  knownTestValue?: boolean;
}

interface DetectorSpec {
  id: PiiDetectorId;
  pattern: RegExp;
  /** Only run when this holds (e.g. bare SSNs need a context keyword). */
  when?: (context: ScanContext) => boolean;
  validate(match: string, text: string, start: number, end: number, context: ScanContext): Validated | undefined;
}

/** A validated finding with its position in the NFKC-normalised text. */
interface Span extends Validated {
  detector: PiiDetectorId;
  start: number;
  end: number;
}

function maskTail(value: string): string {
  // Keep the last 4 only when at least as much stays hidden, so short values are masked entirely.
  return value.length >= 8 ? `${MASK} ${value.slice(-4)}` : MASK;
}

function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return `${email.slice(0, 1)}•••@${email.slice(at + 1)}`;
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= "0" && char <= "9";
}

/** The number continues past the candidate in another digit group (a longer number, a date, an IP address). */
function touchesMoreDigits(text: string, start: number, end: number): boolean {
  const after = DIGIT_GROUP_SEPARATORS.includes(text[end] ?? "x") && isDigit(text[end + 1]);
  const before = DIGIT_GROUP_SEPARATORS.includes(text[start - 1] ?? "x") && isDigit(text[start - 2]);
  return after || before;
}

/** The contiguous run of hex characters around `index`. */
function hexRunAround(text: string, index: number): [number, number] {
  let left = index;
  let right = index;
  while (left > 0 && HEX_DIGIT.test(text[left - 1]!)) left--;
  while (right < text.length && HEX_DIGIT.test(text[right]!)) right++;
  return [left, right];
}

/** Digits that are part of a longer hexadecimal token (hash, UUID part, generated id): not a number. */
function insideHexToken(text: string, start: number, end: number): boolean {
  for (const index of [start, end - 1]) {
    const [left, right] = hexRunAround(text, index);
    const token = text.slice(left, right);
    if ((left < start || right > end) && token.length >= 16 && HEX_LETTER.test(token)) return true;
  }
  return false;
}

function isTimestamp(digits: string): boolean {
  if (DATE_STAMP.test(digits)) return true;
  const value = Number(digits);
  // Unix epochs between 2000-01-01 and 2100-01-01, in seconds or milliseconds.
  if (digits.length === 10) return value >= 946_684_800 && value < 4_102_444_800;
  if (digits.length === 13) return value >= 946_684_800_000 && value < 4_102_444_800_000;
  return false;
}

function isRepetitiveNumber(digits: string): boolean {
  let same = true;
  let ascending = true;
  let descending = true;
  for (let i = 1; i < digits.length; i++) {
    const previous = digits.charCodeAt(i - 1) - 48;
    const current = digits.charCodeAt(i) - 48;
    same &&= current === previous;
    ascending &&= current === (previous + 1) % 10;
    descending &&= current === (previous + 9) % 10;
  }
  return same || ascending || descending;
}

/** Issuer prefixes of the card schemes in controls.md §3.1.2. */
function hasCardIssuerPrefix(digits: string): boolean {
  const two = Number(digits.slice(0, 2));
  const three = Number(digits.slice(0, 3));
  const four = Number(digits.slice(0, 4));
  if (digits.startsWith("4")) return true; // Visa
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return true; // Mastercard
  if (two === 34 || two === 37) return digits.length === 15; // American Express
  if (four === 6011 || (three >= 644 && three <= 649) || two === 65) return true; // Discover
  if (four >= 3528 && four <= 3589) return true; // JCB
  if ((three >= 300 && three <= 305) || two === 36 || two === 38 || two === 39) return true; // Diners Club
  return two === 62; // UnionPay
}

function isAllowedDomain(domain: string, allowed: readonly string[]): boolean {
  const lower = domain.toLowerCase();
  return allowed.some((entry) => {
    const allowedDomain = entry.toLowerCase();
    return lower === allowedDomain || lower.endsWith(`.${allowedDomain}`);
  });
}

function digitsOf(value: string): string {
  return value.replace(NON_DIGITS, "");
}

function numberFinding(confidence: PiiConfidence, digits: string): Validated {
  return { confidence, value: digits, masked: maskTail(digits) };
}

const DETECTORS: readonly DetectorSpec[] = [
  {
    id: "iban",
    pattern: IBAN,
    validate(match, text, start) {
      const compact = match.replace(/ /g, "");
      const length = ibanLength(compact.slice(0, 2));
      if (length === undefined || compact.length < length) return undefined;
      // The pattern may swallow a following upper-case word: trim to the registered length, but only
      // at a group boundary (never mid-token).
      let kept = 0;
      let end = start;
      while (kept < length) {
        if (text[end] !== " ") kept++;
        end++;
      }
      if (/[A-Za-z0-9]/.test(text[end] ?? "")) return undefined;
      const iban = compact.slice(0, length);
      if (!ibanMod97(iban)) return undefined;
      return { confidence: "high", value: iban, masked: maskTail(iban), end };
    },
  },
  {
    id: "card",
    pattern: CARD,
    validate(match, text, start, end) {
      const digits = digitsOf(match);
      if (digits.length < 13 || digits.length > 19) return undefined;
      if (touchesMoreDigits(text, start, end) || insideHexToken(text, start, end)) return undefined;
      if (!luhn(digits) || !hasCardIssuerPrefix(digits) || isRepetitiveNumber(digits)) return undefined;
      return { ...numberFinding("high", digits), knownTestValue: TEST_CARD_NUMBERS.has(digits) || undefined };
    },
  },
  {
    id: "ssn-us",
    pattern: SSN_FORMATTED,
    validate(match, text, start, end) {
      if (touchesMoreDigits(text, start, end)) return undefined;
      return numberFinding("high", digitsOf(match));
    },
  },
  {
    id: "ssn-us",
    pattern: SSN_BARE,
    when: (context) => context.hasContextKeyword,
    validate(match, text, start, end) {
      if (insideHexToken(text, start, end) || isRepetitiveNumber(match)) return undefined;
      return numberFinding("high", match);
    },
  },
  {
    id: "nino-uk",
    pattern: NINO,
    validate(match) {
      const value = match.replace(/ /g, "").toUpperCase();
      return { confidence: "high", value, masked: maskTail(value) };
    },
  },
  {
    id: "sin-ca",
    pattern: SIN,
    validate(match, text, start, end) {
      const digits = digitsOf(match);
      if (digits.startsWith("0") || digits.startsWith("8") || touchesMoreDigits(text, start, end)) return undefined;
      return luhn(digits) ? numberFinding("medium", digits) : undefined;
    },
  },
  {
    id: "aadhaar-in",
    pattern: AADHAAR,
    validate(match, text, start, end, context) {
      const digits = digitsOf(match);
      // Unseparated, 12 digits are far more often an AWS account id: require a context keyword.
      if (digits === match && !context.hasContextKeyword) return undefined;
      if (touchesMoreDigits(text, start, end) || insideHexToken(text, start, end)) return undefined;
      if (!verhoeff(digits) || isRepetitiveNumber(digits)) return undefined;
      return numberFinding(context.hasContextKeyword ? "high" : "medium", digits);
    },
  },
  {
    id: "pan-in",
    pattern: PAN,
    validate: (match) => ({ confidence: "medium", value: match, masked: maskTail(match) }),
  },
  {
    id: "dni-es",
    pattern: DNI,
    validate(match) {
      // A date stamp followed by a letter (`20240115z`) passes the letter check one time in 23.
      if (isTimestamp(match.slice(0, 8)) || !isValidSpanishId(match)) return undefined;
      const value = match.replace("-", "").toUpperCase();
      return { confidence: "high", value, masked: maskTail(value) };
    },
  },
  {
    id: "nie-es",
    pattern: NIE,
    validate(match) {
      if (!isValidSpanishId(match)) return undefined;
      const value = match.replace("-", "").toUpperCase();
      return { confidence: "high", value, masked: maskTail(value) };
    },
  },
  {
    id: "email",
    pattern: EMAIL,
    validate(match, _text, _start, _end, context) {
      const domain = match.slice(match.lastIndexOf("@") + 1);
      if (isAllowedDomain(domain, context.allowedEmailDomains)) return undefined;
      const value = match.toLowerCase();
      return { confidence: "medium", value, masked: maskEmail(match) };
    },
  },
  {
    id: "phone",
    pattern: PHONE_E164,
    validate(match) {
      return { confidence: "medium", value: match, masked: maskTail(match.slice(1)) };
    },
  },
  {
    id: "phone",
    pattern: PHONE_FORMATTED,
    validate(match, text, start, end) {
      if (touchesMoreDigits(text, start, end) || insideHexToken(text, start, end)) return undefined;
      const digits = digitsOf(match);
      if (isTimestamp(digits) || isRepetitiveNumber(digits)) return undefined;
      return numberFinding("low", digits);
    },
  },
  {
    id: "account-number",
    pattern: ACCOUNT_NUMBER,
    validate(match, text, start, end, context) {
      if (insideHexToken(text, start, end) || isTimestamp(match) || isRepetitiveNumber(match)) return undefined;
      // Twelve digits without context read as an AWS account id: reported by `aws-account-foreign`.
      if (match.length === 12 && !context.hasContextKeyword) return undefined;
      return numberFinding(context.hasContextKeyword ? "medium" : "low", match);
    },
  },
  {
    id: "aws-account-foreign",
    pattern: AWS_ACCOUNT,
    validate(match, text, start, end) {
      if (insideHexToken(text, start, end) || isTimestamp(match)) return undefined;
      return numberFinding("info", match);
    },
  },
];

function overlaps(claims: readonly [number, number][], start: number, end: number): boolean {
  return claims.some(([claimedStart, claimedEnd]) => start < claimedEnd && end > claimedStart);
}

const ownAccountPatterns = new Map<string, RegExp>();

/** The scanned account's own id, also written 1111-2222-3333 as the console shows it. */
function ownAccountPattern(accountId: string): RegExp | undefined {
  if (!/^\d{12}$/.test(accountId)) return undefined;
  let pattern = ownAccountPatterns.get(accountId);
  if (!pattern) {
    const [a, b, c] = [accountId.slice(0, 4), accountId.slice(4, 8), accountId.slice(8)];
    pattern = new RegExp(`(?<!\\d)${a}[ -]?${b}[ -]?${c}(?!\\d)`, "g");
    ownAccountPatterns.set(accountId, pattern);
  }
  return pattern;
}

/** Spans no detector may claim: the own account id, account ids inside ARNs (§3.1.3), and UUIDs. */
function guardedSpans(text: string, accountId: string): [number, number][] {
  const claims: [number, number][] = [];
  const own = ownAccountPattern(accountId);
  if (own) {
    own.lastIndex = 0;
    for (const match of text.matchAll(own)) claims.push([match.index, match.index + match[0].length]);
  }
  if (text.includes("arn:")) {
    ARN_ACCOUNT.lastIndex = 0;
    for (const match of text.matchAll(ARN_ACCOUNT)) {
      const indices = match.indices?.[1];
      if (indices) claims.push([indices[0], indices[1]]);
    }
  }
  if (text.includes("-")) {
    UUID.lastIndex = 0;
    for (const match of text.matchAll(UUID)) claims.push([match.index, match.index + match[0].length]);
  }
  return claims;
}

function hasContextKeyword(value: string | undefined): boolean {
  if (!value) return false;
  return CONTEXT_KEY_PATTERN.test(value) || CONTEXT_KEY_PATTERN.test(value.replace(NAME_SEPARATORS, " "));
}

/** The whole value, when its key announces personal data and nothing more specific claimed it. */
function contextKeySpan(text: string, claims: readonly [number, number][]): Span | undefined {
  const trimmed = text.trim();
  if (PLACEHOLDER_VALUES.has(trimmed.toLowerCase()) || ALREADY_MASKED.test(trimmed)) return undefined;
  if (!/[A-Za-z0-9]/.test(trimmed)) return undefined;
  const start = text.indexOf(trimmed);
  const end = start + trimmed.length;
  if (overlaps(claims, start, end)) return undefined;
  const value = trimmed.replace(NON_ALPHANUMERIC, "") || trimmed;
  return { detector: "context-key", confidence: "medium", value, masked: maskTail(value), start, end };
}

/** Every validated span of the NFKC-normalised text, in table order, each claimed once. */
function scan(text: string, options: PiiOptions): { normalised: string; spans: Span[] } {
  const normalised = text.normalize("NFKC");
  const keyed = hasContextKeyword(options.contextKey);
  if (!keyed && !MIGHT_HOLD_PII.test(normalised)) return { normalised, spans: [] };

  const spaced = normalised.replace(NAME_SEPARATORS, " ");
  const variants = spaced === normalised ? [normalised] : [normalised, spaced];
  const context: ScanContext = {
    allowedEmailDomains: options.allowedEmailDomains,
    hasContextKeyword: keyed || hasContextKeyword(normalised),
  };
  const claims = guardedSpans(normalised, options.accountId);
  const spans: Span[] = [];

  for (const detector of DETECTORS) {
    if (detector.when && !detector.when(context)) continue;
    for (const variant of variants) {
      const pattern = detector.pattern;
      pattern.lastIndex = 0;
      let match: RegExpExecArray | null;
      while ((match = pattern.exec(variant)) !== null) {
        const start = match.index;
        const end = start + match[0].length;
        const validated = overlaps(claims, start, end)
          ? undefined
          : detector.validate(match[0], variant, start, end, context);
        const claimedEnd = validated?.end ?? end;
        if (validated && !overlaps(claims, start, claimedEnd)) {
          claims.push([start, claimedEnd]);
          spans.push({ ...validated, detector: detector.id, start, end: claimedEnd });
        } else {
          // A rejected candidate may hide a valid one starting inside it (e.g. a card after other digits).
          pattern.lastIndex = start + 1;
        }
      }
    }
  }
  if (keyed) {
    const span = contextKeySpan(normalised, claims);
    if (span) spans.push(span);
  }
  return { normalised, spans: spans.sort((a, b) => a.start - b.start) };
}

function hashValue(value: string, salt: string): string {
  return createHash("sha256")
    .update(salt + value)
    .digest("hex");
}

/**
 * Personal data in one free-form string (a name, description, tag key or tag value), in text order,
 * one finding per distinct (detector, value). Findings carry only masked values and hashes.
 */
export function detectPersonalData(text: string, options: PiiOptions): PiiFinding[] {
  const salt = options.salt ?? DEFAULT_PII_HASH_SALT;
  const seen = new Set<string>();
  const findings: PiiFinding[] = [];
  for (const span of scan(text, options).spans) {
    const hash = hashValue(span.value, salt);
    const key = `${span.detector}:${hash}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      detector: span.detector,
      confidence: span.confidence,
      masked: span.masked,
      hash,
      ...(span.knownTestValue ? { knownTestValue: true } : {}),
    });
  }
  return findings;
}

function maskOnce(text: string, options: PiiOptions): string {
  const { normalised, spans } = scan(text, options);
  const masked = spans.filter((span) => span.confidence !== "info");
  if (masked.length === 0) return text;
  let result = "";
  let position = 0;
  for (const span of masked) {
    result += normalised.slice(position, span.start) + span.masked;
    position = span.end;
  }
  return result + normalised.slice(position);
}

/** Enough rounds for masked text to settle (each round only shortens identifiers). */
const MAX_MASK_ROUNDS = 4;

/**
 * The text with every high, medium and low finding replaced by its masked form; informational
 * findings (other accounts' ids) stay. Text without findings is returned unchanged. Idempotent:
 * masking re-runs until nothing changes, because removing one identifier can expose another that it
 * overlapped (an e-mail address whose local part held a card number).
 */
export function maskPersonalData(text: string, options: PiiOptions): string {
  let current = text;
  for (let round = 0; round < MAX_MASK_ROUNDS; round++) {
    const next = maskOnce(current, options);
    if (next === current) return current;
    current = next;
  }
  return current;
}
