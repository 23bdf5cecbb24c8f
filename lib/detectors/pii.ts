/**
 * Personal-data detector for names, descriptions and tags (docs/controls.md#personal-data): finds identifiers a
 * customer should never put into free-form fields, and masks them. Pure and synchronous; every
 * regular expression is compiled once at module load because the masking pass runs over every reason
 * and evidence string of every snapshot.
 *
 * Each identifier is accepted only in the forms it is really written in, because a digit run that
 * happens to pass a check digit is common in generated names (dated backups pass Luhn one time in
 * ten). The rules, per detector, are in the table below; `lib/detectors/corpus` generates the clean
 * and the identifier-bearing names that hold them (0 false positives, 100 % recall).
 *
 * A finding never carries the matched value: only a masked form (last 4 characters, or the first
 * letter and domain of an e-mail address) and, when the caller passes the installation's secret key,
 * an HMAC of the value to match it across scans. Without a key no hash is given at all: an unkeyed
 * hash of a short identifier is the identifier, to anyone who can enumerate the masked form.
 */
import { createHmac } from "node:crypto";
import { ibanBbanMatches, ibanLength, ibanMod97, isValidSpanishId, luhn, verhoeff } from "./checksums";

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

/** high → fail, medium and low → warn, info → informational only (docs/controls.md#personal-data). */
export type PiiConfidence = "high" | "medium" | "low" | "info";

export interface PiiFinding {
  detector: PiiDetectorId;
  confidence: PiiConfidence;
  /** `•••• 1111`, `j•••@example.org` or `••••`: never the matched value. */
  masked: string;
  /**
   * HMAC-SHA256, under the installation's secret key, of the value with separators removed (same value
   * → same hash across this installation's scans). Absent when no key was given.
   */
  hash?: string;
  /** A published test number (e.g. card 4111 1111 1111 1111): callers may downgrade it in test resources. */
  knownTestValue?: boolean;
}

export interface PiiOptions {
  /** The scanned account: its own id is not personal data. */
  accountId: string;
  /** E-mail domains that are not personal data (the organisation's own, example.com...); subdomains match. */
  allowedEmailDomains: readonly string[];
  /** Tag key or field name the text is the value of: a key such as `account-number` gives context. */
  contextKey?: string;
  /** The installation's secret key for finding hashes (lib/snapshot/installation-key.ts); none → no hash. */
  hashKey?: Uint8Array;
}

/**
 * Domains never reported: RFC 2606's documentation domain and AWS's own service domain. Organisations
 * add their corporate domains on top of these.
 */
export const DEFAULT_ALLOWED_EMAIL_DOMAINS: readonly string[] = ["example.com", "amazonaws.com"];

/**
 * The options every masking of one account's text uses, so snapshots (lib/snapshot/mask.ts) and the
 * log mask the same way; `hashKey` makes the hashes of masked values stable per installation.
 */
export function maskingOptions(accountId: string, hashKey?: Uint8Array): PiiOptions {
  return { accountId, allowedEmailDomains: DEFAULT_ALLOWED_EMAIL_DOMAINS, ...(hashKey ? { hashKey } : {}) };
}

/**
 * What a context word announces. Bare numbers are only read as an SSN under an SSN word, as an
 * Aadhaar number under an Aadhaar word, and so on; any of them makes a long number a finding.
 */
export type PiiContext = "ssn" | "aadhaar" | "nino" | "pan" | "financial" | "personal";

/**
 * Words in tag keys and text that announce personal data, matched as whole words (`account_number`,
 * `acct-no`, `AccountNumber`, `acctno`), never as substrings: `routing-table`, `acct-owner`,
 * `accounting` and `account-id` (an AWS account) announce nothing.
 */
export const CONTEXT_PHRASES: readonly (readonly [PiiContext, string])[] = [
  ["ssn", "ssn"],
  ["ssn", "social security"],
  ["aadhaar", "aadhaar"],
  ["aadhaar", "aadhar"],
  ["nino", "nino"],
  ["nino", "national insurance"],
  ["nino", "ni number"],
  ["pan", "pan number"],
  ["pan", "pan no"],
  ["pan", "pan card"],
  ["pan", "permanent account number"],
  ["financial", "iban"],
  ["financial", "bank account"],
  ["financial", "account number"],
  ["financial", "account no"],
  ["financial", "account num"],
  ["financial", "account nr"],
  ["financial", "acct number"],
  ["financial", "acct no"],
  ["financial", "acct num"],
  ["financial", "acct nr"],
  ["financial", "routing number"],
  ["financial", "routing no"],
  ["financial", "routing num"],
  ["financial", "sort code"],
  ["financial", "credit card"],
  ["financial", "card number"],
  ["financial", "card no"],
  ["financial", "card num"],
  ["personal", "passport"],
  ["personal", "national id"],
  ["personal", "tax id"],
  ["personal", "tax number"],
  ["personal", "dob"],
  ["personal", "date of birth"],
  ["personal", "birth date"],
  ["personal", "customer id"],
  ["personal", "customer no"],
  ["personal", "customer number"],
  ["personal", "customer num"],
  ["personal", "member id"],
  ["personal", "member number"],
  ["personal", "patient id"],
  ["personal", "driver license"],
  ["personal", "drivers license"],
  ["personal", "driving licence"],
];

const MASK = "••••";

/** Resource names use these as word separators; the second scan reads them as spaces. */
const NAME_SEPARATORS = /[_./]/g;
/** Characters that join the groups of a written number. */
const DIGIT_GROUP_SEPARATORS = " -._/";
/** Digits a context word alone makes a finding of: shorter values (`C-42`, `2024`) are not identifiers. */
const MIN_CONTEXT_DIGITS = 6;

// Candidate patterns, in the order of DETECTORS below. All global; `lastIndex` is reset per use.
/** IBAN, compact or in groups of four, either case (bucket names and cache ids are lower case). */
const IBAN = /\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?\b/g;
/** Cards as contiguous digits, or grouped 4-4-4-4(-3), 4-6-5 (Amex) or 4-6-4 (Diners) with one separator. */
const CARD_CONTIGUOUS = /(?<!\d)\d{13,19}(?!\d)/g;
const CARD_GROUPED = /(?<!\d)(?:\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?|\d{4}([ -])\d{6}\2\d{4,5})(?!\d)/g;
const SSN_FORMATTED = /(?<!\d)(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?!\d)/g;
const SSN_BARE = /(?<!\d)(?!000|666|9\d\d)\d{3}(?!00)\d{2}(?!0000)\d{4}(?!\d)/g;
/** Valid prefixes only; which case and spacing is accepted is decided in the validator. */
const NINO = /\b(?!bg|gb|kn|nk|nt|tn|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z](?: ?\d{2}){3} ?[a-d]\b/gi;
const NINO_COMPACT_UPPER = /^[A-Z]{2}\d{6}[A-D]$/;
const NINO_CANONICAL_SPACING = /^[A-Za-z]{2} \d{2} \d{2} \d{2} [A-Da-d]$/;
const SIN = /(?<!\d)\d{3}([- ])\d{3}\1\d{3}(?!\d)/g;
const AADHAAR = /(?<!\d)[2-9]\d{3}([ -]?)\d{4}\1\d{4}(?!\d)/g;
const PAN = /\b[A-Za-z]{3}[PCHFATBLJGpchfatbljg][A-Za-z]\d{4}[A-Za-z]\b/g;
const PAN_UPPER = /^[A-Z0-9]+$/;
const DNI = /\b\d{8}-?[A-Za-z]\b/g;
const NIE = /\b[XYZxyz]\d{7}-?[A-Za-z]\b/g;
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}/g;
const PHONE_E164 = /(?<![\w+])\+[1-9]\d{7,14}(?!\d)/g;
/** `+44 20 7183 8750`, `+1 (415) 555-2671`: a country code, then digit groups with single separators. */
const PHONE_INTERNATIONAL = /(?<![\w+])\+[1-9]\d{0,2}(?:[ .-]\(?\d{1,6}\)?){2,6}(?!\d)/g;
/** North American numbers: area code and exchange start with 2–9, one separator style throughout. */
const PHONE_NANP = /(?<![\d+])(?:\([2-9]\d{2}\) ?[2-9]\d{2}[ .-]|[2-9]\d{2}([ .-])[2-9]\d{2}\1)\d{4}(?!\d)/g;
const ACCOUNT_NUMBER = /(?<![\d+])\d{6,17}(?!\d)/g;
const AWS_ACCOUNT = /(?<!\d)\d{12}(?!\d)/g;

// Guards: spans no detector may claim (docs/controls.md#personal-data).
const ARN_ACCOUNT = /arn:[^:\s]*:[^:\s]*:[^:\s]*:\d{12}:/g;
/** Generated ids whose last group can be 12 digits, which would read as an account id. */
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** EC2-style resource ids (`i-`, `vol-`, `subnet-`, `sg-`... and 8 or 17 hex digits). */
const AWS_RESOURCE_ID =
  /\b(?:i|vol|snap|sg|subnet|vpc|eni|ami|igw|eigw|rtb|rtbassoc|acl|aclassoc|nat|vpce|eipalloc|eipassoc|lt|tgw|tgw-attach|pcx|dopt|cgw|vgw|vpn|cvpn-endpoint|fs|fsap|fsmt|r|cr|pl|prefix|elb|ipam)-[0-9a-f]{8}(?:[0-9a-f]{9})?\b/gi;
/** IPv4 addresses and CIDRs, also as EC2 writes them into host names (`ip-10-0-1-23`). */
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?![\d.])|\bip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}\b/g;
const IPV6 = /(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:\/\d{1,3})?(?![\w:])/gi;
/**
 * A whole calendar date written with separators, year first (one separator style) and optionally
 * followed by a time, or day/month first; and ISO 8601 basic date-times (`20260115T0300`). Backups,
 * snapshots and jobs are named after them (`automatic.orders-2024-01-15-03-00`), and no identifier
 * crosses their separators. Compact dates alone (`20260115`) are judged by each validator instead,
 * because a Spanish DNI or an account number can be eight digits that look like one.
 */
const DATE_TIME =
  /(?<!\d)(?:(?:19|20)\d{2}([-_./ ])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])(?:[-_.T ]?(?:[01]\d|2[0-3])(?:[-_.: ]?[0-5]\d){1,2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)?|(?:19|20)\d{6}T\d{4,6}(?:[.,]\d{1,9})?Z?|(?:0[1-9]|[12]\d|3[01])([-./])(?:0[1-9]|1[0-2])\2(?:19|20)\d{2}|(?:0[1-9]|1[0-2])([-./])(?:0[1-9]|[12]\d|3[01])\3(?:19|20)\d{2})(?!\d)/g;
const COMPACT_DATE = /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/;
const COMPACT_TIMESTAMP =
  /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:(?:[01]\d|2[0-3])(?:[0-5]\d(?:[0-5]\d\d*)?)?)?$/;
const HEX_DIGIT = /[0-9a-fA-F]/;
const HEX_LETTER = /[a-fA-F]/;
const NON_DIGITS = /\D/g;
/** Anything a detector could start from: every identifier holds a digit, or an `@`. */
const MIGHT_HOLD_PII = /[\d@]/;
const ALREADY_MASKED = /^(?:•+ ?[A-Za-z0-9]{0,4}|[A-Za-z0-9]?•+@\S+)$/;
/** A value that is only a number, however grouped. */
const NUMERIC_VALUE = /^\+?\(?\d[\d ()./-]*\d$/;

/** Card number prefixes (IIN ranges) and the lengths each scheme issues. */
function cardSchemeAccepts(digits: string): boolean {
  const length = digits.length;
  const two = Number(digits.slice(0, 2));
  const three = Number(digits.slice(0, 3));
  const four = Number(digits.slice(0, 4));
  const six = Number(digits.slice(0, 6));
  if (digits.startsWith("4")) return length === 13 || length === 16 || length === 19; // Visa
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return length === 16; // Mastercard
  if (two === 34 || two === 37) return length === 15; // American Express
  const sixteenToNineteen = length >= 16 && length <= 19;
  if (four === 6011 || (three >= 644 && three <= 649) || two === 65) return sixteenToNineteen; // Discover
  if (six >= 622126 && six <= 622925) return sixteenToNineteen; // Discover co-branded UnionPay
  if (four >= 3528 && four <= 3589) return sixteenToNineteen; // JCB
  if ((three >= 300 && three <= 305) || two === 36 || two === 38 || two === 39) return length >= 14; // Diners Club
  return two === 62 && sixteenToNineteen; // UnionPay
}

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
  /** Context words in the key or the text itself. */
  contexts: ReadonlySet<PiiContext>;
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
  /** Only run when this holds (e.g. bare SSNs need an SSN context word). */
  when?: (context: ScanContext) => boolean;
  /** A character every match contains: the pattern is not run over text without it. */
  needs?: string;
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

/** A compact date-time (`20260115`, `202601150300`, `20260115030000123`) or a Unix epoch (s, ms, µs, ns). */
function isTimestamp(digits: string): boolean {
  if (COMPACT_TIMESTAMP.test(digits)) return true;
  // Unix epochs of 2001-09-09 to 2033-05-18 (1 000 000 000 to 1 999 999 999 s), in seconds, ms, µs or ns.
  // A wider range would swallow real numbers: 16 digits from 0946… to 4102… include every Visa card.
  return [10, 13, 16, 19].includes(digits.length) && digits.startsWith("1");
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

function cardFinding(digits: string, text: string, start: number, end: number): Validated | undefined {
  if (insideHexToken(text, start, end) || isTimestamp(digits) || isRepetitiveNumber(digits)) return undefined;
  if (!cardSchemeAccepts(digits) || !luhn(digits)) return undefined;
  return { ...numberFinding("high", digits), knownTestValue: TEST_CARD_NUMBERS.has(digits) || undefined };
}

function spanishIdFinding(match: string): Validated | undefined {
  if (!isValidSpanishId(match)) return undefined;
  const value = match.replace("-", "").toUpperCase();
  return { confidence: "high", value, masked: maskTail(value) };
}

const DETECTORS: readonly DetectorSpec[] = [
  {
    id: "iban",
    pattern: IBAN,
    validate(match, text, start) {
      const compact = match.replace(/ /g, "").toUpperCase();
      const length = ibanLength(compact.slice(0, 2));
      if (length === undefined || compact.length < length) return undefined;
      // The pattern may swallow a following word: trim to the registered length, but only at a group
      // boundary (never mid-token).
      let kept = 0;
      let end = start;
      while (kept < length) {
        if (text[end] !== " ") kept++;
        end++;
      }
      if (/[A-Za-z0-9]/.test(text[end] ?? "")) return undefined;
      const iban = compact.slice(0, length);
      if (!ibanBbanMatches(iban) || !ibanMod97(iban)) return undefined;
      return { confidence: "high", value: iban, masked: maskTail(iban), end };
    },
  },
  {
    id: "card",
    pattern: CARD_GROUPED,
    validate(match, text, start, end) {
      if (touchesMoreDigits(text, start, end)) return undefined;
      return cardFinding(digitsOf(match), text, start, end);
    },
  },
  {
    id: "card",
    pattern: CARD_CONTIGUOUS,
    validate: (match, text, start, end) => cardFinding(match, text, start, end),
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
    when: (context) => context.contexts.has("ssn"),
    validate(match, text, start, end) {
      if (insideHexToken(text, start, end) || isRepetitiveNumber(match)) return undefined;
      return numberFinding("high", match);
    },
  },
  {
    id: "nino-uk",
    pattern: NINO,
    validate(match, _text, _start, _end, context) {
      // Upper case, or the canonical `AB 12 34 56 C` spacing in any case: a lower-case run of two
      // letters, six digits and a letter is far more often a generated id (`ab123456c-cache`).
      const accepted =
        NINO_COMPACT_UPPER.test(match) || NINO_CANONICAL_SPACING.test(match) || context.contexts.has("nino");
      if (!accepted) return undefined;
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
      const named = context.contexts.has("aadhaar");
      // Unseparated, 12 digits are far more often an AWS account id: require an Aadhaar context word.
      if (digits === match && !named) return undefined;
      if (touchesMoreDigits(text, start, end) || insideHexToken(text, start, end)) return undefined;
      if (!verhoeff(digits) || isRepetitiveNumber(digits)) return undefined;
      return numberFinding(named ? "high" : "medium", digits);
    },
  },
  {
    id: "pan-in",
    pattern: PAN,
    validate(match, _text, _start, _end, context) {
      // Lower case only under a PAN context word: `batch2024a` has the same shape.
      if (!PAN_UPPER.test(match) && !context.contexts.has("pan")) return undefined;
      const value = match.toUpperCase();
      return { confidence: "medium", value, masked: maskTail(value) };
    },
  },
  {
    id: "dni-es",
    pattern: DNI,
    validate(match) {
      const letter = match.at(-1)!;
      // A date stamp followed by a letter passes the letter check one time in 23: `backup-20240115b`
      // (second build of the day) or `20240115Z` (UTC). Upper-case letters other than T/Z are kept.
      const dateLike = COMPACT_DATE.test(match.slice(0, 8));
      if (dateLike && (letter !== letter.toUpperCase() || letter === "Z" || letter === "T")) return undefined;
      return spanishIdFinding(match);
    },
  },
  {
    id: "nie-es",
    pattern: NIE,
    validate: (match) => spanishIdFinding(match),
  },
  {
    id: "email",
    pattern: EMAIL,
    needs: "@",
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
    needs: "+",
    validate(match) {
      return { confidence: "medium", value: match, masked: maskTail(match.slice(1)) };
    },
  },
  {
    id: "phone",
    pattern: PHONE_INTERNATIONAL,
    needs: "+",
    validate(match, text, start, end) {
      const digits = digitsOf(match);
      if (digits.length < 8 || digits.length > 15 || touchesMoreDigits(text, start, end)) return undefined;
      return { confidence: "medium", value: `+${digits}`, masked: maskTail(digits) };
    },
  },
  {
    id: "phone",
    pattern: PHONE_NANP,
    validate(match, text, start, end) {
      if (touchesMoreDigits(text, start, end) || insideHexToken(text, start, end)) return undefined;
      const digits = digitsOf(match);
      if (isRepetitiveNumber(digits)) return undefined;
      return numberFinding("low", digits);
    },
  },
  {
    id: "account-number",
    pattern: ACCOUNT_NUMBER,
    // A bare number is only an account number when a context word says so (`acct-no-40271935`).
    when: (context) => context.contexts.size > 0,
    validate(match, text, start, end) {
      if (touchesMoreDigits(text, start, end) || insideHexToken(text, start, end)) return undefined;
      // The context word outweighs the epoch reading (`acct-no-1588610090`), not a calendar date.
      if (COMPACT_TIMESTAMP.test(match) || isRepetitiveNumber(match)) return undefined;
      return numberFinding("medium", match);
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

/** Every match of a global pattern as a claimed span (an `exec` loop: `matchAll` copies the pattern per call). */
function claimAll(text: string, pattern: RegExp, claims: [number, number][]): void {
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    claims.push([match.index, match.index + match[0].length]);
    if (match[0] === "") pattern.lastIndex++;
  }
}

/** Spans no detector may claim: the own account id and account ids inside ARNs. */
function accountGuards(text: string, accountId: string): [number, number][] {
  const claims: [number, number][] = [];
  const own = ownAccountPattern(accountId);
  if (own) claimAll(text, own, claims);
  if (text.includes("arn:")) {
    ARN_ACCOUNT.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = ARN_ACCOUNT.exec(text)) !== null) {
      // The account id is the last 12 characters before the match's closing colon.
      const end = match.index + match[0].length - 1;
      claims.push([end - 12, end]);
    }
  }
  return claims;
}

/** Spans that are something else by shape: UUIDs, EC2 ids, IP addresses, dates and times. */
function shapeGuards(text: string): [number, number][] {
  const claims: [number, number][] = [];
  if (text.includes("-")) {
    claimAll(text, UUID, claims);
    claimAll(text, AWS_RESOURCE_ID, claims);
  }
  if (text.includes(".") || text.includes("ip-")) claimAll(text, IPV4, claims);
  if (text.includes(":")) claimAll(text, IPV6, claims);
  claimAll(text, DATE_TIME, claims);
  return claims;
}

interface Phrase {
  context: PiiContext;
  /** The words after the first. */
  rest: readonly string[];
}

/** Phrases by their first word, and by the phrase written as one word (`acctno`), so a text is read once. */
const PHRASES_BY_FIRST_WORD = new Map<string, Phrase[]>();
for (const [context, phrase] of CONTEXT_PHRASES) {
  const [first, ...rest] = phrase.split(" ");
  for (const [word, after] of [
    [first!, rest],
    [phrase.replace(/ /g, ""), []],
  ] as const) {
    const list = PHRASES_BY_FIRST_WORD.get(word) ?? [];
    list.push({ context, rest: after });
    PHRASES_BY_FIRST_WORD.set(word, list);
  }
}

/** The words of a key or a text: split at separators, camelCase humps and letter/digit boundaries. */
function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])/g, " ")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
}

/** The contexts a key or a text announces, by whole words (`acct-no`, `AccountNumber`, `acctno`). */
export function personalDataContexts(text: string | undefined): Set<PiiContext> {
  const found = new Set<PiiContext>();
  if (!text || !/[A-Za-z]/.test(text)) return found;
  const words = wordsOf(text);
  for (let i = 0; i < words.length; i++) {
    for (const phrase of PHRASES_BY_FIRST_WORD.get(words[i]!) ?? []) {
      if (phrase.rest.every((word, k) => words[i + 1 + k] === word)) found.add(phrase.context);
    }
  }
  return found;
}

/**
 * The whole value under a key that announces personal data, when it is a number of at least
 * MIN_CONTEXT_DIGITS digits that nothing more specific claimed (`sort_code: 12-34-56`,
 * `date-of-birth: 1985-04-12`). A context word alone never makes a short or non-numeric value a
 * finding: `customer-id: C-42` or `routing: blue-green` name nothing.
 */
function contextKeySpan(text: string, claims: readonly [number, number][]): Span | undefined {
  const trimmed = text.trim();
  if (ALREADY_MASKED.test(trimmed) || !NUMERIC_VALUE.test(trimmed)) return undefined;
  const digits = digitsOf(trimmed);
  if (digits.length < MIN_CONTEXT_DIGITS || isRepetitiveNumber(digits)) return undefined;
  const start = text.indexOf(trimmed);
  const end = start + trimmed.length;
  if (overlaps(claims, start, end)) return undefined;
  return { detector: "context-key", confidence: "medium", value: digits, masked: maskTail(digits), start, end };
}

/** Every validated span of the NFKC-normalised text, in table order, each claimed once. */
function scan(text: string, options: PiiOptions): { normalised: string; spans: Span[] } {
  const normalised = text.normalize("NFKC");
  if (!MIGHT_HOLD_PII.test(normalised)) return { normalised, spans: [] };

  const spaced = normalised.replace(NAME_SEPARATORS, " ");
  const variants = spaced === normalised ? [normalised] : [normalised, spaced];
  const keyContexts = personalDataContexts(options.contextKey);
  const contexts = new Set([...keyContexts, ...personalDataContexts(normalised)]);
  const context: ScanContext = { allowedEmailDomains: options.allowedEmailDomains, contexts };
  const claims = accountGuards(normalised, options.accountId);
  const guarded = [...claims, ...shapeGuards(normalised)];
  const spans: Span[] = [];

  for (const detector of DETECTORS) {
    if (detector.when && !detector.when(context)) continue;
    if (detector.needs && !normalised.includes(detector.needs)) continue;
    for (const variant of variants) {
      const pattern = detector.pattern;
      pattern.lastIndex = 0;
      let match: RegExpExecArray | null;
      while ((match = pattern.exec(variant)) !== null) {
        const start = match.index;
        const end = start + match[0].length;
        const validated = overlaps(guarded, start, end)
          ? undefined
          : detector.validate(match[0], variant, start, end, context);
        const claimedEnd = validated?.end ?? end;
        if (validated && !overlaps(guarded, start, claimedEnd)) {
          guarded.push([start, claimedEnd]);
          claims.push([start, claimedEnd]);
          spans.push({ ...validated, detector: detector.id, start, end: claimedEnd });
        } else {
          // A rejected candidate may hide a valid one starting inside it (e.g. a card after other digits).
          pattern.lastIndex = start + 1;
        }
      }
    }
  }
  if (keyContexts.size > 0) {
    // The value as a whole is judged against detector claims only: under `date-of-birth` a date is the point.
    const span = contextKeySpan(normalised, claims);
    if (span) spans.push(span);
  }
  return { normalised, spans: spans.sort((a, b) => a.start - b.start) };
}

/** Domain-separated, so the same key could serve another purpose without its hashes meaning anything here. */
const HASH_DOMAIN = "safekeep/pii-finding/v2\0";

function hashValue(value: string, key: Uint8Array): string {
  return createHmac("sha256", key)
    .update(HASH_DOMAIN + value)
    .digest("hex");
}

/**
 * Personal data in one free-form string (a name, description, tag key or tag value), in text order,
 * one finding per distinct (detector, value). Findings carry only masked values and keyed hashes.
 */
export function detectPersonalData(text: string, options: PiiOptions): PiiFinding[] {
  const seen = new Set<string>();
  const findings: PiiFinding[] = [];
  for (const span of scan(text, options).spans) {
    const key = `${span.detector}\0${span.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      detector: span.detector,
      confidence: span.confidence,
      masked: span.masked,
      ...(options.hashKey ? { hash: hashValue(span.value, options.hashKey) } : {}),
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
