/**
 * Generated test corpora for the personal-data detector (lib/detectors/pii.ts).
 *
 * - `cleanNames`: thousands of names, ids, tags and descriptions AWS accounts really hold that carry
 *   no personal data: dated backups and snapshots for every day of 2019–2027 at several times,
 *   timestamps in many formats, build and job ids, versions, ARNs, UUIDs, EC2 ids, IP addresses and
 *   CIDRs, digests, numbered cluster names, Personalize job names, ordinary tags. Every one must give
 *   no finding at all.
 * - `identifierNames`: valid identifiers of every kind the detector knows (check digits computed,
 *   not copied), in each written form the detector promises to recognise, alone, inside ids
 *   (`cache-<value>-prod`), as tag values and inside descriptions. Every one must be found.
 *
 * Deterministic (seeded); nothing here reads the network or the clock.
 */
import type { PiiDetectorId } from "../pii";
import { IBAN_BBAN_FORMATS, ibanCheckDigits, luhn, spanishControlLetter, verhoeffCheckDigit } from "../checksums";
import { DIGITS, eachDay, isoWeek, LOWER, pad, Random, UPPER } from "./random";

/** The scanned account of every corpus entry (its own id is never personal data). */
export const CORPUS_ACCOUNT = "111122223333";

export interface CorpusEntry {
  /** What the string is, for failure messages and the counts in the README. */
  category: string;
  text: string;
  /** The tag key when the text is a tag value. */
  contextKey?: string;
}

export interface IdentifierEntry extends CorpusEntry {
  /** Detectors that may rightly report it (a 13-digit account number can also be a valid card). */
  detectors: readonly PiiDetectorId[];
  /** The identifier exactly as written in the text: it must never survive masking. */
  written: string;
  /** The masked form the finding must carry. */
  masked: string;
}

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

const WORDS = [
  "orders",
  "sessions",
  "checkout",
  "catalog",
  "leaderboard",
  "inventory",
  "payments",
  "search",
  "profile",
  "ratelimit",
  "feature-flags",
  "recs",
  "analytics",
  "billing",
  "auth",
  "api",
  "web",
  "queue",
] as const;
const ENVIRONMENTS = ["prod", "staging", "dev", "test", "qa", "eu", "us", "blue", "green", "canary"] as const;
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-south-1", "ap-southeast-2", "sa-east-1"];

/** Cluster and replication group names as teams write them, often with numbers. */
function clusterName(r: Random): string {
  const base = r.pick(WORDS);
  switch (r.int(0, 9)) {
    case 0:
      return base;
    case 1:
      return `${base}-${r.pick(ENVIRONMENTS)}`;
    case 2:
      return `${base}-${pad(r.int(1, 12), 3)}`;
    case 3:
      return `${base}-${r.pick(ENVIRONMENTS)}-${pad(r.int(1, 4), 4)}-${pad(r.int(1, 3), 3)}`;
    case 4:
      return `${base}-v${r.int(2, 19)}`;
    case 5:
      return `${base}-${r.int(1, 9)}`;
    case 6:
      return `rg-${r.int(2019, 2027)}-${base}`;
    case 7:
      return `${r.pick(ENVIRONMENTS)}-${base}-${pad(r.int(1, 99))}`;
    case 8:
      return `${base}${r.int(1, 999)}`;
    default:
      return `${base}-${r.pick(ENVIRONMENTS)}-redis${r.pick(["6", "7", "72", "7-1"])}`;
  }
}

interface Instant {
  year: number;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  millis: string;
  epochSeconds: number;
}

function instant(date: Date): Instant {
  return {
    year: date.getUTCFullYear(),
    month: pad(date.getUTCMonth() + 1),
    day: pad(date.getUTCDate()),
    hour: pad(date.getUTCHours()),
    minute: pad(date.getUTCMinutes()),
    second: pad(date.getUTCSeconds()),
    millis: pad(date.getUTCMilliseconds(), 3),
    epochSeconds: Math.floor(date.getTime() / 1000),
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** One instant written the ways logs, exports and job names write it. */
function timestampFormats(date: Date): string[] {
  const t = instant(date);
  const ymd = `${t.year}${t.month}${t.day}`;
  const hms = `${t.hour}${t.minute}${t.second}`;
  const epochMillis = date.getTime();
  return [
    date.toISOString(),
    `${t.year}-${t.month}-${t.day}T${t.hour}:${t.minute}:${t.second}+0${t.hour.at(-1)}:00`,
    `${t.year}-${t.month}-${t.day} ${t.hour}:${t.minute}:${t.second}.${t.millis}123`,
    `${ymd}T${hms}Z`,
    `${ymd}${hms}`,
    `${ymd}${hms}${t.millis}`,
    `${ymd}-${hms}`,
    `${t.year}_${t.month}_${t.day}_${t.hour}_${t.minute}_${t.second}`,
    `${t.year}.${t.month}.${t.day}.${t.hour}.${t.minute}`,
    `${t.year}/${t.month}/${t.day} ${t.hour}:${t.minute}`,
    `${t.day}-${t.month}-${t.year}`,
    `${t.month}/${t.day}/${t.year} ${t.hour}:${t.minute}`,
    `${t.day}.${t.month}.${t.year}`,
    `${WEEKDAYS[date.getUTCDay()]}, ${t.day} ${MONTHS[date.getUTCMonth()]} ${t.year} ${t.hour}:${t.minute}:${t.second} GMT`,
    String(t.epochSeconds),
    String(epochMillis),
    `${epochMillis}000`,
    `${epochMillis}000000`,
    `export-${ymd}`,
    `run.${ymd}${t.hour}${t.minute}`,
    `logs-${t.epochSeconds}`,
    `t${epochMillis}`,
  ];
}

function randomDate(r: Random, fromYear = 2019, toYear = 2027): Date {
  const from = Date.UTC(fromYear, 0, 1);
  const to = Date.UTC(toYear + 1, 0, 1);
  return new Date(from + Math.floor(r.next() * (to - from)));
}

function base32Upper(r: Random, length: number): string {
  return r.chars(`${UPPER}234567`, length);
}

function awsAccountId(r: Random): string {
  return `${r.int(1, 9)}${r.digits(11)}`;
}

// ---------------------------------------------------------------------------------------------
// Clean corpus
// ---------------------------------------------------------------------------------------------

/** ElastiCache automatic and manual backups, RDS snapshots: every day of 2019–2027, several times a day. */
function datedBackups(r: Random, out: CorpusEntry[]): void {
  for (const date of eachDay(2019, 2027)) {
    const t = instant(date);
    const times = [
      ["03", "00"],
      ["05", "30"],
      ["23", "45"],
      [pad(r.int(0, 23)), pad(r.int(0, 59))],
    ];
    for (const [hour, minute] of times) {
      out.push({
        category: "ElastiCache automatic backup",
        text: `automatic.${clusterName(r)}-${t.year}-${t.month}-${t.day}-${hour}-${minute}`,
      });
    }
    const cluster = clusterName(r);
    const ymd = `${t.year}${t.month}${t.day}`;
    const hm = `${pad(r.int(0, 23))}${pad(r.int(0, 59))}`;
    const manual = [
      `${cluster}-snapshot-${ymd}`,
      `${cluster}-backup-${ymd}${hm}`,
      `${cluster}-final-${t.year}-${t.month}-${t.day}`,
      `rds:${cluster}-${t.year}-${t.month}-${t.day}-${hm.slice(0, 2)}-${hm.slice(2)}`,
      `${cluster}-${ymd}T${hm}00Z`,
      `snap-${ymd}-${hm}`,
      `backup_${t.year}_${t.month}_${t.day}_${hm.slice(0, 2)}_${hm.slice(2)}_${pad(r.int(0, 59))}`,
      `${cluster}.${t.year}.${t.month}.${t.day}`,
      `${cluster}-${ymd}${r.pick(["a", "b", "c"])}`,
      `${cluster}-${ymd}-${pad(r.int(1, 4), 3)}`,
    ];
    out.push({ category: "manual snapshot name", text: r.pick(manual) });
  }
}

/** Personalize job and resource names, one per ISO week plus dated ones. */
function personalizeNames(r: Random, out: CorpusEntry[]): void {
  const seen = new Set<string>();
  for (const date of eachDay(2019, 2027)) {
    const { year, week } = isoWeek(date);
    const key = `${year}-${week}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const t = instant(date);
    const names = [
      `weekly-email-recs-${year}-w${pad(week)}`,
      `batch-inference-${t.year}-${t.month}-${t.day}`,
      `dataset-import-${t.year}${t.month}${t.day}T${pad(r.int(0, 23))}${pad(r.int(0, 59))}`,
      `segment-job-${t.year}q${Math.floor((date.getUTCMonth() + 3) / 3)}`,
      `solution-v${r.int(1, 40)}-${t.year}${t.month}${t.day}`,
      `${r.pick(WORDS)}-recs-${year}-W${pad(week)}-${r.int(1, 3)}`,
    ];
    for (const text of names) out.push({ category: "Personalize job name", text });
  }
}

function timestamps(r: Random, out: CorpusEntry[]): void {
  for (let i = 0; i < 600; i++) {
    for (const text of timestampFormats(randomDate(r))) out.push({ category: "timestamp", text });
  }
}

function buildAndJobIds(r: Random, out: CorpusEntry[]): void {
  for (let i = 0; i < 300; i++) {
    const project = `${r.pick(WORDS)}-${r.pick(["build", "deploy", "ci", "pipeline"])}`;
    const date = instant(randomDate(r));
    const sha = r.hex(r.int(7, 12));
    const ids = [
      `${project}:${r.uuid()}`,
      `run-${r.int(1_000_000_000, 99_999_999_999)}-attempt-${r.int(1, 3)}`,
      `${project}#${r.int(1, 99_999)}`,
      `build-${date.year}.${date.month}.${date.day}.${r.int(1, 40)}`,
      `exec-${r.uuid()}`,
      `jr_${r.hex(64)}`,
      `j-${base32Upper(r, 13)}`,
      `${project}-${date.year}-${date.month}-${date.day}-${date.hour}-${date.minute}-${date.second}-${date.millis}`,
      `deploy-${sha}`,
      `${project}-${r.int(1, 9999)}-g${sha}`,
      `task/${r.pick(WORDS)}/${r.hex(32)}`,
      `pipeline-${r.int(100, 99_999)}`,
      `INC${pad(r.int(0, 9_999_999), 7)}`,
      `JIRA-${r.int(1, 99_999)}`,
    ];
    for (const text of ids) out.push({ category: "build or job id", text });
  }
}

function versions(r: Random, out: CorpusEntry[]): void {
  for (let i = 0; i < 250; i++) {
    const [major, minor, patch] = [r.int(0, 30), r.int(0, 60), r.int(0, 300)];
    const forms = [
      `${major}.${minor}.${patch}`,
      `v${major}.${minor}.${patch}-rc.${r.int(1, 9)}+build.${r.int(1, 9999)}`,
      `${r.pick(["redis", "valkey", "memcached"])}${r.int(5, 8)}.${r.int(0, 4)}`,
      `${r.int(2019, 2027)}.${r.int(1, 12)}.${r.int(1, 31)}`,
      `${major}.${minor}.${patch}-alpha.${r.int(1, 40)}`,
      `engine ${r.int(5, 8)}.${r.int(0, 2)}.${r.int(0, 20)}`,
    ];
    for (const text of forms) out.push({ category: "version", text });
  }
}

const ARN_TEMPLATES: readonly ((r: Random, account: string, region: string) => string)[] = [
  (r, a, g) => `arn:aws:elasticache:${g}:${a}:replicationgroup:${clusterName(r)}`,
  (r, a, g) => {
    const t = instant(randomDate(r));
    return `arn:aws:elasticache:${g}:${a}:snapshot:automatic.${clusterName(r)}-${t.year}-${t.month}-${t.day}-${t.hour}-${t.minute}`;
  },
  (r, a) => `arn:aws:iam::${a}:role/${r.pick(WORDS)}-${r.pick(ENVIRONMENTS)}-role`,
  (r, a, g) =>
    `arn:aws:personalize:${g}:${a}:batch-inference-job/weekly-email-recs-${r.int(2019, 2027)}-w${pad(r.int(1, 52))}`,
  (r, a, g) => `arn:aws:cognito-idp:${g}:${a}:userpool/${g}_${r.chars(`${UPPER}${LOWER}${DIGITS}`, 9)}`,
  (r, a, g) => `arn:aws:connect:${g}:${a}:instance/${r.uuid()}`,
  (r, a, g) => `arn:aws:kms:${g}:${a}:key/${r.uuid()}`,
  (r, a, g) => `arn:aws:logs:${g}:${a}:log-group:/aws/lambda/${r.pick(WORDS)}-${r.int(1, 99)}:*`,
  (r, a, g) => `arn:aws:ec2:${g}:${a}:instance/i-0${r.hex(16)}`,
  (r) =>
    `arn:aws:s3:::${r.pick(WORDS)}-${r.pick(ENVIRONMENTS)}-${r.int(1000, 9999)}/exports/${r.int(2019, 2027)}/${pad(r.int(1, 12))}/`,
];

function arns(r: Random, out: CorpusEntry[]): void {
  for (let i = 0; i < 600; i++) {
    const account = r.chance(0.3) ? CORPUS_ACCOUNT : awsAccountId(r);
    out.push({ category: "ARN", text: r.pick(ARN_TEMPLATES)(r, account, r.pick(REGIONS)) });
  }
}

const EC2_PREFIXES = [
  "i",
  "vol",
  "snap",
  "sg",
  "subnet",
  "vpc",
  "eni",
  "ami",
  "igw",
  "rtb",
  "nat",
  "vpce",
  "eipalloc",
  "lt",
];

function generatedIds(r: Random, out: CorpusEntry[]): void {
  for (let i = 0; i < 500; i++) {
    const uuid = r.uuid();
    out.push({ category: "UUID", text: r.chance(0.2) ? uuid.toUpperCase() : uuid });
    const prefix = r.pick(EC2_PREFIXES);
    out.push({ category: "EC2 id", text: r.chance(0.8) ? `${prefix}-0${r.hex(16)}` : `${prefix}-${r.hex(8)}` });
  }
}

function addresses(r: Random, out: CorpusEntry[]): void {
  for (let i = 0; i < 400; i++) {
    const octets = [r.pick([10, 172, 192, r.int(1, 223)]), r.int(0, 255), r.int(0, 255), r.int(0, 255)];
    const ipv4 = octets.join(".");
    const groups = Array.from({ length: 8 }, () => r.hex(r.int(1, 4)));
    out.push(
      { category: "IPv4 address", text: ipv4 },
      { category: "CIDR", text: `${octets.slice(0, 3).join(".")}.0/${r.int(8, 28)}` },
      { category: "EC2 host name", text: `ip-${octets.join("-")}.${r.pick(REGIONS)}.compute.internal` },
      { category: "IPv6 address", text: groups.join(":") },
      { category: "IPv6 CIDR", text: `2001:db8:${r.hex(4)}::/${r.pick([48, 56, 64])}` },
      {
        category: "node endpoint",
        text: `${clusterName(r)}.${r.hex(6)}.ng.0001.${r.pick(["use1", "euw1", "aps1"])}.cache.amazonaws.com:6379`,
      },
    );
  }
}

function digests(r: Random, out: CorpusEntry[]): void {
  for (let i = 0; i < 400; i++) {
    out.push(
      { category: "MD5 digest", text: r.hex(32) },
      { category: "SHA-1 digest", text: r.hex(40) },
      { category: "SHA-256 digest", text: `sha256:${r.hex(64)}` },
      { category: "ETag", text: `"${r.hex(32)}-${r.int(1, 999)}"` },
      {
        category: "log stream",
        text: `${r.int(2019, 2027)}/${pad(r.int(1, 12))}/${pad(r.int(1, 28))}/[$LATEST]${r.hex(32)}`,
      },
    );
  }
}

function numberedNames(r: Random, out: CorpusEntry[]): void {
  for (let i = 0; i < 500; i++) {
    const cluster = clusterName(r);
    out.push(
      { category: "cache node id", text: `${cluster}-${pad(r.int(1, 500), 4)}-${pad(r.int(1, 5), 3)}` },
      { category: "cluster name", text: cluster },
      {
        category: "node type",
        text: `cache.${r.pick(["r6g", "r7g", "m6g", "t4g"])}.${r.pick(["large", "xlarge", "2xlarge", "12xlarge"])}`,
      },
      {
        category: "S3 object key",
        text: `s3://${cluster}-${r.int(1000, 99999)}/exports/${r.int(2019, 2027)}/${pad(r.int(1, 12))}/part-${pad(r.int(0, 99999), 5)}-${r.uuid()}.snappy.parquet`,
      },
    );
  }
}

/** Ordinary tags, and personal-data keys whose values are short or not numbers (which name nothing). */
function tags(r: Random, out: CorpusEntry[]): void {
  const ordinary: readonly (() => [string, string])[] = [
    () => ["cost-center", String(r.int(1000, 99999))],
    () => ["routing-table", `rtb-0${r.hex(16)}`],
    () => ["routing", r.pick(["blue-green", "weighted", "latency", "geo"])],
    () => ["acct-owner", `team-${r.pick(WORDS)}`],
    () => ["acct", r.pick(["payments", "shared-services", "sandbox"])],
    () => ["billing-acct", CORPUS_ACCOUNT],
    () => ["account-id", CORPUS_ACCOUNT],
    () => ["Name", `${clusterName(r)}-${r.int(2019, 2027)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`],
    () => ["version", `${r.int(1, 9)}.${r.int(0, 30)}.${r.int(0, 99)}`],
    () => ["created", randomDate(r).toISOString()],
    () => ["backup-window", `${pad(r.int(0, 23))}:00-${pad(r.int(0, 23))}:30`],
    () => ["max-memory", String(r.int(1_000_000, 99_999_999_999))],
    () => ["customer-id", r.pick(["C-42", "ACME", "internal", "n/a", `CU${r.int(1, 999)}`])],
    () => ["account-number", r.pick(["n/a", "none", "see vault", "TBD", "•••• 1935"])],
    () => ["ssn-check", r.pick(["enabled", "disabled"])],
    () => ["date-of-birth-field", r.pick(["encrypted", "hashed"])],
    () => ["sort-code", r.pick(["n/a", "n/a (EU)"])],
    () => ["commit", r.hex(40)],
    () => ["image", `${CORPUS_ACCOUNT}.dkr.ecr.${r.pick(REGIONS)}.amazonaws.com/${r.pick(WORDS)}:${r.hex(7)}`],
    () => ["window", `sun:0${r.int(0, 9)}:00-sun:0${r.int(0, 9)}:30`],
    () => ["owner", `${r.pick(["ops", "platform", "data"])}@example.com`],
  ];
  for (let i = 0; i < 1500; i++) {
    const [contextKey, text] = r.pick(ordinary)();
    out.push({ category: `tag ${contextKey}`, text, contextKey });
    out.push({ category: "tag key", text: contextKey });
  }
}

function descriptions(r: Random, out: CorpusEntry[]): void {
  const templates: readonly (() => string)[] = [
    () =>
      `Session store for ${r.pick(WORDS)} (${r.pick(ENVIRONMENTS)}), created ${randomDate(r).toISOString().slice(0, 10)} by CHG${pad(r.int(0, 9_999_999), 7)}`,
    () =>
      `Replica of ${clusterName(r)} in ${r.pick(REGIONS)}; failover tested ${instant(randomDate(r)).day}/${instant(randomDate(r)).month}`,
    () =>
      `Port ${r.pick([6379, 11211, 6380])}, ${r.int(1, 500)} shards, ${r.int(1, 5)} replicas, maxmemory ${r.int(1, 512)}gb`,
    () => `Cache for PR #${r.int(1, 99999)} (build ${r.int(1_000_000, 9_999_999)})`,
    () => `Owned by platform@example.com; see runbook v${r.int(1, 9)}.${r.int(0, 9)}`,
    () => `Weekly recommendations ${r.int(2019, 2027)}-W${pad(r.int(1, 52))} for segment ${r.int(1, 99)}`,
    () => `Imported ${r.int(1000, 9_999_999)} interactions at ${randomDate(r).toISOString()}`,
    () =>
      `Rotated keys on ${instant(randomDate(r)).year}-${instant(randomDate(r)).month}-${pad(r.int(1, 28))} (ticket ${r.int(100000, 999999)})`,
  ];
  for (let i = 0; i < 1000; i++) out.push({ category: "description", text: r.pick(templates)() });
}

/** Strings that must give no finding at all. */
export function cleanNames(seed = 20260115): CorpusEntry[] {
  const r = new Random(seed);
  const out: CorpusEntry[] = [];
  datedBackups(r, out);
  personalizeNames(r, out);
  timestamps(r, out);
  buildAndJobIds(r, out);
  versions(r, out);
  arns(r, out);
  generatedIds(r, out);
  addresses(r, out);
  digests(r, out);
  numberedNames(r, out);
  tags(r, out);
  descriptions(r, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Identifier corpus
// ---------------------------------------------------------------------------------------------

function mask(value: string): string {
  return value.length >= 8 ? `•••• ${value.slice(-4)}` : "••••";
}

function luhnComplete(partial: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    if (luhn(`${partial}${digit}`)) return `${partial}${digit}`;
  }
  throw new Error("unreachable: one Luhn digit always fits");
}

const CARD_SCHEMES: readonly { prefix: (r: Random) => string; length: number; groups: readonly number[] }[] = [
  { prefix: () => "4", length: 16, groups: [4, 4, 4, 4] }, // Visa
  { prefix: () => "4", length: 13, groups: [] },
  { prefix: () => "4", length: 19, groups: [4, 4, 4, 4, 3] },
  { prefix: (r) => String(r.int(51, 55)), length: 16, groups: [4, 4, 4, 4] }, // Mastercard
  { prefix: (r) => String(r.int(2221, 2720)), length: 16, groups: [4, 4, 4, 4] },
  { prefix: (r) => r.pick(["34", "37"]), length: 15, groups: [4, 6, 5] }, // American Express
  { prefix: (r) => r.pick(["6011", "65", String(r.int(644, 649))]), length: 16, groups: [4, 4, 4, 4] }, // Discover
  { prefix: (r) => String(r.int(3528, 3589)), length: 16, groups: [4, 4, 4, 4] }, // JCB
  { prefix: (r) => r.pick(["36", "38", String(r.int(300, 305))]), length: 14, groups: [4, 6, 4] }, // Diners Club
  { prefix: () => "62", length: 16, groups: [4, 4, 4, 4] }, // UnionPay
];

function grouped(digits: string, groups: readonly number[], separator: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(separator);
}

function bban(r: Random, format: string): string {
  let out = "";
  for (const [, count, kind] of format.matchAll(/(\d+)([nac])/g)) {
    const alphabet = kind === "n" ? DIGITS : kind === "a" ? UPPER : `${UPPER}${DIGITS}`;
    out += r.chars(alphabet, Number(count));
  }
  return out;
}

const IBAN_COUNTRIES = [
  "DE",
  "GB",
  "FR",
  "NL",
  "ES",
  "IT",
  "BE",
  "CH",
  "AT",
  "PL",
  "SE",
  "NO",
  "IE",
  "PT",
  "DK",
  "FI",
  "LU",
  "MT",
  "SA",
  "BR",
];

const FIRST_NAMES = ["jane", "john", "maria", "wei", "aisha", "olga", "pedro", "yuki", "amara", "liam"];
const LAST_NAMES = ["doe", "smith", "garcia", "chen", "khan", "ivanova", "silva", "tanaka", "okafor", "murphy"];
const EMAIL_DOMAINS = ["gmail.com", "corp.org", "outlook.co.uk", "mail.example.net", "fastmail.fm", "uni-bonn.de"];

interface Identifier {
  kind: string;
  detectors: readonly PiiDetectorId[];
  /** Each written form and whether it may appear inside a lower-case id. */
  forms: readonly string[];
  masked: string;
  /** The masked form inside `cache-<value>-prod`, when the id changes it (an e-mail's local part). */
  maskedInId?: string;
  /** A tag key that gives the context some forms need; those forms are only tested under it. */
  contextKey?: string;
  /** Forms that need the context key (bare SSN, compact Aadhaar, lower-case PAN...). */
  keyedForms?: readonly string[];
}

function cards(r: Random): Identifier[] {
  return Array.from({ length: 120 }, (_, i) => {
    const scheme = CARD_SCHEMES[i % CARD_SCHEMES.length]!;
    let digits: string;
    do {
      const prefix = scheme.prefix(r);
      digits = luhnComplete(prefix + r.digits(scheme.length - prefix.length - 1));
    } while (/^(\d)\1+$/.test(digits));
    const forms = [digits];
    if (scheme.groups.length > 0) forms.push(grouped(digits, scheme.groups, " "), grouped(digits, scheme.groups, "-"));
    return { kind: "card", detectors: ["card"], forms, masked: mask(digits) };
  });
}

function ibans(r: Random): Identifier[] {
  return Array.from({ length: 120 }, (_, i) => {
    const country = IBAN_COUNTRIES[i % IBAN_COUNTRIES.length]!;
    const body = bban(r, IBAN_BBAN_FORMATS[country]!);
    const iban = `${country}${ibanCheckDigits(country, body)}${body}`;
    const spaced = iban.match(/.{1,4}/g)!.join(" ");
    return {
      kind: "IBAN",
      detectors: ["iban"],
      forms: [iban, iban.toLowerCase(), spaced, spaced.toLowerCase()],
      masked: mask(iban),
    };
  });
}

function ssns(r: Random): Identifier[] {
  return Array.from({ length: 80 }, () => {
    let area: number;
    do area = r.int(1, 899);
    while (area === 666);
    const digits = `${pad(area, 3)}${pad(r.int(1, 99))}${pad(r.int(1, 9999), 4)}`;
    const [a, g, s] = [digits.slice(0, 3), digits.slice(3, 5), digits.slice(5)];
    return {
      kind: "US SSN",
      detectors: ["ssn-us"],
      forms: [`${a}-${g}-${s}`, `${a} ${g} ${s}`],
      masked: mask(digits),
      contextKey: r.pick(["ssn", "SSN", "social-security-number", "SocialSecurityNumber", "employee_ssn"]),
      keyedForms: [digits],
    };
  });
}

const NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ";
const NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ";
const NINO_FORBIDDEN = new Set(["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]);

function ninos(r: Random): Identifier[] {
  return Array.from({ length: 80 }, () => {
    let prefix: string;
    do prefix = r.pick([...NINO_FIRST]) + r.pick([...NINO_SECOND]);
    while (NINO_FORBIDDEN.has(prefix));
    const digits = r.digits(6);
    const suffix = r.pick(["A", "B", "C", "D"]);
    const compact = `${prefix}${digits}${suffix}`;
    const spaced = `${prefix} ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)} ${suffix}`;
    return {
      kind: "UK NINO",
      detectors: ["nino-uk"],
      forms: [compact, spaced, spaced.toLowerCase()],
      masked: mask(compact),
      contextKey: r.pick(["nino", "NINumber", "national-insurance"]),
      keyedForms: [compact.toLowerCase()],
    };
  });
}

function sins(r: Random): Identifier[] {
  return Array.from({ length: 80 }, () => {
    const digits = luhnComplete(r.pick(["1", "2", "3", "4", "5", "6", "7", "9"]) + r.digits(7));
    const groups = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
    return {
      kind: "Canadian SIN",
      detectors: ["sin-ca"],
      forms: [groups.join(" "), groups.join("-")],
      masked: mask(digits),
    };
  });
}

function aadhaars(r: Random): Identifier[] {
  return Array.from({ length: 80 }, () => {
    let body: string;
    do body = String(r.int(2, 9)) + r.digits(10);
    while (/^(\d)\1+$/.test(body));
    const digits = `${body}${verhoeffCheckDigit(body)}`;
    const groups = [digits.slice(0, 4), digits.slice(4, 8), digits.slice(8)];
    return {
      kind: "Aadhaar",
      detectors: ["aadhaar-in"],
      forms: [groups.join(" "), groups.join("-")],
      masked: mask(digits),
      contextKey: r.pick(["aadhaar", "AadhaarNumber", "aadhar_no"]),
      keyedForms: [digits],
    };
  });
}

const PAN_HOLDER_TYPES = "PCHFATBLJG";

function pans(r: Random): Identifier[] {
  return Array.from({ length: 80 }, () => {
    const pan = `${r.chars(UPPER, 3)}${r.pick([...PAN_HOLDER_TYPES])}${r.chars(UPPER, 1)}${r.digits(4)}${r.chars(UPPER, 1)}`;
    return {
      kind: "Indian PAN",
      detectors: ["pan-in"],
      forms: [pan],
      masked: mask(pan),
      contextKey: r.pick(["pan-number", "PanNo", "pan_card"]),
      keyedForms: [pan.toLowerCase()],
    };
  });
}

/** A compact date stamp with a lower-case letter (or T/Z) is read as a date, not a DNI (pii.ts). */
function dateLikeDni(number: string, letter: string): boolean {
  return (
    /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(number) &&
    (letter !== letter.toUpperCase() || letter === "Z" || letter === "T")
  );
}

function spanishIds(r: Random): Identifier[] {
  const dnis = Array.from({ length: 80 }, (): Identifier => {
    const number = pad(r.int(1_000_000, 79_999_999), 8);
    const letter = spanishControlLetter(number);
    const forms = [`${number}${letter}`, `${number}-${letter}`, `${number}${letter.toLowerCase()}`].filter(
      (form) => !dateLikeDni(number, form.at(-1)!),
    );
    return { kind: "Spanish DNI", detectors: ["dni-es"], forms, masked: mask(`${number}${letter}`) };
  });
  const nies = Array.from({ length: 80 }, (): Identifier => {
    const prefix = r.pick(["X", "Y", "Z"]);
    const number = r.digits(7);
    const letter = spanishControlLetter(`${"XYZ".indexOf(prefix)}${number}`);
    const nie = `${prefix}${number}${letter}`;
    return {
      kind: "Spanish NIE",
      detectors: ["nie-es"],
      forms: [nie, `${prefix}${number}-${letter}`, nie.toLowerCase()],
      masked: mask(nie),
    };
  });
  return [...dnis, ...nies];
}

function emails(r: Random): Identifier[] {
  return Array.from({ length: 80 }, () => {
    const local = `${r.pick(FIRST_NAMES)}${r.pick([".", "_", ""])}${r.pick(LAST_NAMES)}${r.chance(0.3) ? r.int(1, 99) : ""}`;
    const domain = r.pick(EMAIL_DOMAINS);
    const email = `${local}@${domain}`;
    const capitalised = `${local[0]!.toUpperCase()}${local.slice(1)}@${domain.toUpperCase()}`;
    return {
      kind: "e-mail address",
      detectors: ["email"],
      forms: [email, capitalised],
      masked: `${email[0]}•••@${domain}`,
      // Hyphens are valid in a local part, so inside an id the address starts at the id.
      maskedInId: `c•••@${domain}`,
    };
  });
}

function phones(r: Random): Identifier[] {
  const nanp = Array.from({ length: 60 }, (): Identifier => {
    const area = `${r.int(2, 9)}${r.digits(2)}`;
    const exchange = `${r.int(2, 9)}${r.digits(2)}`;
    const line = r.digits(4);
    return {
      kind: "phone (North America)",
      detectors: ["phone"],
      forms: [`(${area}) ${exchange}-${line}`, `${area}-${exchange}-${line}`, `${area}.${exchange}.${line}`],
      masked: `•••• ${line}`,
    };
  });
  const international = Array.from({ length: 60 }, (): Identifier => {
    const [country, groups] = r.pick([
      ["44", [2, 4, 4]],
      ["49", [2, 4, 4]],
      ["33", [1, 2, 2, 2, 2]],
      ["91", [5, 5]],
      ["1", [3, 3, 4]],
      ["34", [3, 3, 3]],
      ["61", [1, 4, 4]],
    ] as const);
    const national = `${r.int(1, 9)}${r.digits(groups.reduce((a, b) => a + b, 0) - 1)}`;
    const spaced = grouped(national, groups, " ");
    return {
      kind: "phone (international)",
      detectors: ["phone"],
      forms: [`+${country}${national}`, `+${country} ${spaced}`],
      masked: mask(`${country}${national}`),
    };
  });
  return [...nanp, ...international];
}

const ACCOUNT_KEYS = [
  "account_number",
  "AccountNumber",
  "acct-no",
  "acct_num",
  "bank-account",
  "routing-number",
  "customer-id",
  "CustomerNumber",
  "member_id",
  "iban",
];

function accountNumbers(r: Random): Identifier[] {
  return Array.from({ length: 80 }, (): Identifier => {
    let digits: string;
    do digits = `${r.int(1, 9)}${r.digits(r.int(7, 11))}`;
    while (/^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/.test(digits));
    return {
      kind: "account number",
      detectors: ["account-number"],
      forms: [],
      masked: mask(digits),
      contextKey: r.pick(ACCOUNT_KEYS),
      keyedForms: [digits],
    };
  });
}

/** Account numbers written with their context in the text itself. */
function accountNumbersInText(r: Random, out: IdentifierEntry[]): void {
  for (let i = 0; i < 80; i++) {
    const digits = `${r.int(1, 9)}${r.digits(r.int(7, 11))}`;
    if (/^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/.test(digits)) continue;
    const texts = [
      `acct-no-${digits}`,
      `cache-acctno${digits}-prod`,
      `Refunds for account number ${digits}`,
      `customer_id_${digits}`,
      `payouts-routing-number-${digits}`,
    ];
    for (const text of texts) {
      out.push({
        category: "account number with context",
        text,
        detectors: ["account-number"],
        written: digits,
        masked: mask(digits),
      });
    }
  }
  for (let i = 0; i < 40; i++) {
    const code = `${r.digits(2)}-${r.digits(2)}-${r.digits(2)}`;
    if (/^(\d)\1-\1\1-\1\1$/.test(code)) continue;
    out.push({
      category: "sort code under its key",
      text: code,
      contextKey: r.pick(["sort-code", "SortCode", "sort_code"]),
      detectors: ["context-key", "account-number"],
      written: code,
      masked: "••••",
    });
  }
}

const ID_SAFE = /^[A-Za-z0-9@.+()-]+$/;

/** Every form of every identifier, alone, inside an id, as a tag value and in a description. */
export function identifierNames(seed = 20260116): IdentifierEntry[] {
  const r = new Random(seed);
  const identifiers = [
    ...cards(r),
    ...ibans(r),
    ...ssns(r),
    ...ninos(r),
    ...sins(r),
    ...aadhaars(r),
    ...pans(r),
    ...spanishIds(r),
    ...emails(r),
    ...phones(r),
    ...accountNumbers(r),
  ];
  const out: IdentifierEntry[] = [];
  for (const id of identifiers) {
    const entry = (category: string, text: string, written: string, contextKey?: string): IdentifierEntry => ({
      category: `${id.kind}: ${category}`,
      text,
      written,
      detectors: id.detectors,
      masked: id.masked,
      ...(contextKey ? { contextKey } : {}),
    });
    for (const form of id.forms) {
      out.push(entry("alone", form, form));
      if (ID_SAFE.test(form)) {
        out.push({ ...entry("inside an id", `cache-${form}-prod`, form), masked: id.maskedInId ?? id.masked });
      }
      out.push(entry("tag value", form, form, r.pick(["owner", "note", "Name", "ticket"])));
      out.push(entry("in a description", `Refunds for ${form} (ticket ${r.int(100, 9999)}), see runbook`, form));
    }
    for (const form of id.keyedForms ?? []) {
      out.push(entry("under its tag key", form, form, id.contextKey));
      out.push(entry("after its key in text", `${id.contextKey}-${form}`, form));
    }
  }
  accountNumbersInText(r, out);
  return out;
}
