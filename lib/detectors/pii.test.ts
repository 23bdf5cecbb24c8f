import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CONTEXT_KEY_PATTERN,
  DEFAULT_ALLOWED_EMAIL_DOMAINS,
  DEFAULT_PII_HASH_SALT,
  detectPersonalData,
  maskPersonalData,
  type PiiOptions,
} from "./pii";

const OWN_ACCOUNT = "111122223333";
const options: PiiOptions = { accountId: OWN_ACCOUNT, allowedEmailDomains: DEFAULT_ALLOWED_EMAIL_DOMAINS };

function summary(text: string, overrides: Partial<PiiOptions> = {}): string[] {
  return detectPersonalData(text, { ...options, ...overrides }).map((f) => `${f.detector}/${f.confidence}/${f.masked}`);
}

describe("detectPersonalData: strings that must match", () => {
  it.each([
    // IBAN: spaced, compact, inside a name with separators, trimmed when the pattern swallows a word.
    ["DE89 3704 0044 0532 0130 00", "iban/high/•••• 3000"],
    ["payout-GB82WEST12345698765432", "iban/high/•••• 5432"],
    ["acct_DE89370400440532013000", "iban/high/•••• 3000"],
    ["iban DE89370400440532013000 ABCD", "iban/high/•••• 3000"],
    ["NO9386011117947", "iban/high/•••• 7947"],
    // Cards: Visa, Mastercard (2-series too), Amex, Discover, JCB, Diners, with any separator.
    ["cust-4111111111111111", "card/high/•••• 1111"],
    ["4111 1111 1111 1111", "card/high/•••• 1111"],
    ["card_4111_1111_1111_1111", "card/high/•••• 1111"],
    ["5555-5555-5555-4444", "card/high/•••• 4444"],
    ["2223003122003222", "card/high/•••• 3222"],
    ["amex 378282246310005", "card/high/•••• 0005"],
    ["6011111111111117", "card/high/•••• 1117"],
    ["jcb.3530111333300000", "card/high/•••• 0000"],
    ["30569309025904", "card/high/•••• 5904"],
    // US SSN: separators, or bare with a context keyword.
    ["078-05-1120", "ssn-us/high/•••• 1120"],
    ["emp 078 05 1120", "ssn-us/high/•••• 1120"],
    ["ssn 078051120", "ssn-us/high/•••• 1120"],
    // UK NINO, either case, with or without spaces.
    ["AB123456C", "nino-uk/high/•••• 456C"],
    ["holder ce 12 34 56 d", "nino-uk/high/•••• 456D"],
    ["ref_AB123456C", "nino-uk/high/•••• 456C"],
    // Canadian SIN (Luhn, not starting 0/8).
    ["130 692 544", "sin-ca/medium/•••• 2544"],
    // Aadhaar: grouped → medium; with a context keyword → high, also unseparated.
    ["2345 6789 0124", "aadhaar-in/medium/•••• 0124"],
    ["aadhaar 234567890124", "aadhaar-in/high/•••• 0124"],
    // Indian PAN.
    ["ABCPE1234F", "pan-in/medium/•••• 234F"],
    // Spanish DNI / NIE with a valid control letter.
    ["titular-12345678Z", "dni-es/high/•••• 678Z"],
    ["12345678-z", "dni-es/high/•••• 678Z"],
    ["X1234567L", "nie-es/high/•••• 567L"],
    // E-mail outside the allow-list.
    ["jane.doe@corp.org", "email/medium/j•••@corp.org"],
    ["Owner: Jane.Doe@Corp.org", "email/medium/J•••@Corp.org"],
    // Phones: E.164 medium, formatted low.
    ["+14155552671", "phone/medium/•••• 2671"],
    ["call +442071838750 now", "phone/medium/•••• 8750"],
    ["(415) 555-2671", "phone/low/•••• 2671"],
    ["415.555.2671", "phone/low/•••• 2671"],
    // Account numbers: low, medium with a context keyword (in the text or the key).
    ["cust 40271935", "account-number/low/•••• 1935"],
    ["customer-id 40271935", "account-number/medium/•••• 1935"],
    ["customer_id_40271935", "account-number/medium/•••• 1935"],
    ["4111111111111112", "account-number/low/•••• 1112"],
    ["acct 402719350017", "account-number/medium/•••• 0017"],
    // Another account's id outside an ARN: informational only.
    ["role-444455556666", "aws-account-foreign/info/•••• 6666"],
    ["replica of 444455556666", "aws-account-foreign/info/•••• 6666"],
  ])("%s → %s", (text, expected) => {
    expect(summary(text)).toEqual([expected]);
  });

  it("reports several identifiers in text order", () => {
    expect(summary("jane@corp.org 4111111111111111 +14155552671")).toEqual([
      "email/medium/j•••@corp.org",
      "card/high/•••• 1111",
      "phone/medium/•••• 2671",
    ]);
  });

  it("gives each span to the first detector that validates it", () => {
    // An IBAN is also a long digit run, a grouped phone-like sequence... but only the IBAN is reported.
    expect(summary("DE89 3704 0044 0532 0130 00")).toHaveLength(1);
    // A card number is also an 8–17 digit run.
    expect(summary("4111111111111111")).toEqual(["card/high/•••• 1111"]);
    // A SIN-shaped Luhn-valid group is not re-reported as a phone number.
    expect(summary("130-692-544")).toEqual(["sin-ca/medium/•••• 2544"]);
  });

  it("normalises with NFKC first (full-width digits)", () => {
    expect(summary("４１１１１１１１１１１１１１１１")).toEqual(["card/high/•••• 1111"]);
  });

  it("reports one finding per distinct value", () => {
    expect(summary("4111111111111111 and again 4111-1111-1111-1111")).toEqual(["card/high/•••• 1111"]);
  });
});

describe("detectPersonalData: strings that must NOT match", () => {
  it.each([
    ["plain resource name", "orders-cache"],
    ["Luhn-invalid card-shaped run with separators", "4111 1111 1111 1112"],
    ["Luhn-valid but no issuer prefix", "1234 5678 9012 3452"],
    ["all same digit", "0000 0000 0000 0000"],
    ["ascending run", "1234567890123456"],
    ["IBAN with a bad check", "DE89370400440532013001"],
    ["IBAN of the wrong length", "DE8937040044053201300"],
    ["lower-case IBAN (pattern is upper-case only)", "de89370400440532013000"],
    ["unknown IBAN country", "QQ89370400440532013000"],
    ["IBAN-shaped prefix of a longer token", "DE89370400440532013000XYZ9"],
    ["SSN with area 000", "000-12-3456"],
    ["SSN with area 666", "666-12-3456"],
    ["SSN with area 9xx", "912-34-5678"],
    ["SSN with group 00", "123-00-4567"],
    ["NINO with a forbidden prefix", "GB123456A"],
    ["NINO with a bad suffix letter", "AB123456E"],
    ["lower-case PAN", "abcpe1234f"],
    ["PAN with a bad holder type", "ABCXE1234F"],
    ["DNI with a wrong letter", "12345678A"],
    ["date stamp followed by a letter", "20240115z"],
    ["NIE with a wrong letter", "X1234567A"],
    ["allow-listed e-mail domain", "ops@example.com"],
    ["allow-listed subdomain", "no-reply@email.eu-west-1.amazonaws.com"],
    ["short number", "build 1234567"],
    ["hyphen-joined digits (dates in names)", "orders-cache-2026-01-01-03-00"],
    ["digits joined by hyphens", "backup-12345678"],
    ["date stamp", "snapshot20260101"],
    ["date-time stamp", "export.202601011230"],
    ["ISO basic timestamp", "20260101T103000Z"],
    ["Unix epoch in seconds", "job-run.1767225600"],
    ["Unix epoch in milliseconds", "t1767225600000"],
    ["own account id", "111122223333"],
    ["own account id written with dashes", "1111-2222-3333"],
    ["own account id in a name", "audit-logs-111122223333"],
    ["account id inside an ARN", "arn:aws:iam::444455556666:role/Admin"],
    ["IPv4 address", "10.192.168.200"],
    ["dotted quad in a name", "node_192.168.100.200"],
    ["version number", "v1.2.3"],
    ["ISO date", "2026-01-15"],
    ["time", "12:30:45"],
    ["SHA-1 hash", "3f786850e387550fdab836ed7e6dc881de23001b"],
    ["hex id with digit runs", "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"],
    ["UUID whose last group is digits", "550e8400-e29b-41d4-a716-446655440000"],
    ["SHA-256 evidence hash", createHash("sha256").update("x").digest("hex")],
    ["card embedded in a longer digit group sequence", "1234 4111 1111 1111 1111"],
    ["masked card", "•••• 1111"],
    ["masked e-mail", "j•••@corp.org"],
  ])("%s: %s", (_name, text) => {
    expect(summary(text)).toEqual([]);
  });

  it.each([
    // Rejected by the specific detector; a weaker one may still report the digits (table order).
    ["bare 9 digits without context", "078051120", "ssn-us", "account-number/low/•••• 1120"],
    ["SIN starting with 0", "046-454-286", "sin-ca", "phone/low/•••• 4286"],
    ["SIN failing Luhn", "130-692-545", "sin-ca", "phone/low/•••• 2545"],
    ["Aadhaar failing Verhoeff", "2345 6789 0125", "aadhaar-in", "phone/low/•••• 0125"],
    ["Luhn-invalid 16 digits", "4111111111111112", "card", "account-number/low/•••• 1112"],
  ])("%s (%s) is not %s but %s", (_name, text, rejectedBy, fallback) => {
    const found = summary(text);
    expect(found.some((f) => f.startsWith(`${rejectedBy}/`))).toBe(false);
    expect(found).toEqual([fallback]);
  });

  it("does not treat the first detector's rejects as final (a card after other digits is still found)", () => {
    expect(summary("ref 77 / 4111111111111111")).toContain("card/high/•••• 1111");
  });
});

describe("context keys", () => {
  it.each([
    "customer-id",
    "CustomerId",
    "customer_number",
    "member.id",
    "SSN",
    "date-of-birth",
    "dob",
    "passport",
    "Credit Card",
    "sort_code",
    "acct",
    "account-no",
    "tax_id",
  ])("%s announces personal data", (key) => {
    expect(CONTEXT_KEY_PATTERN.test(key) || CONTEXT_KEY_PATTERN.test(key.replace(/[_./]/g, " "))).toBe(true);
  });

  it.each(["Name", "env", "owner", "cost-center", "adobe-team", "customerIdentifierScheme", "accounting"])(
    "%s does not",
    (key) => {
      expect(CONTEXT_KEY_PATTERN.test(key) || CONTEXT_KEY_PATTERN.test(key.replace(/[_./]/g, " "))).toBe(false);
    },
  );

  it("flags the whole value of a personal-data key, fully masked when short", () => {
    expect(summary("C-42", { contextKey: "customer-id" })).toEqual(["context-key/medium/••••"]);
    expect(summary("CUST-AB-90210-77", { contextKey: "CustomerId" })).toEqual(["context-key/medium/•••• 1077"]);
  });

  it("lets a more specific detector claim the value first", () => {
    expect(summary("4111111111111111", { contextKey: "card-number" })).toEqual(["card/high/•••• 1111"]);
  });

  it("raises confidence of numbers under a personal-data key", () => {
    expect(summary("40271935", { contextKey: "acct" })).toEqual(["account-number/medium/•••• 1935"]);
    expect(summary("078051120", { contextKey: "ssn" })).toEqual(["ssn-us/high/•••• 1120"]);
  });

  it("ignores placeholders, empty and already-masked values", () => {
    for (const value of ["", "  ", "n/a", "none", "TBD", "•••• 1935", "••••", "j•••@corp.org"]) {
      expect(summary(value, { contextKey: "customer-id" }), value).toEqual([]);
    }
  });

  it("does not flag values of ordinary keys", () => {
    expect(summary("C-42", { contextKey: "env" })).toEqual([]);
  });
});

describe("findings never carry the raw value", () => {
  it("hashes salt + canonical value with SHA-256", () => {
    const [finding] = detectPersonalData("4111-1111-1111-1111", options);
    const expected = createHash("sha256").update(`${DEFAULT_PII_HASH_SALT}4111111111111111`).digest("hex");
    expect(finding?.hash).toBe(expected);
    expect(JSON.stringify(finding)).not.toContain("41111111");
  });

  it("uses the salt option and gives the same value the same hash however it is written", () => {
    const [a] = detectPersonalData("4111 1111 1111 1111", { ...options, salt: "s1" });
    const [b] = detectPersonalData("4111111111111111", { ...options, salt: "s1" });
    const [c] = detectPersonalData("4111111111111111", { ...options, salt: "s2" });
    expect(a?.hash).toBe(b?.hash);
    expect(a?.hash).not.toBe(c?.hash);
  });

  it("marks published test card numbers", () => {
    expect(detectPersonalData("4111111111111111", options)[0]?.knownTestValue).toBe(true);
    expect(detectPersonalData("4000 0566 5566 5556", options)[0]?.knownTestValue).toBe(true);
    expect(detectPersonalData("4532015112830366", options)[0]?.knownTestValue).toBeUndefined();
  });

  it("honours the caller's e-mail allow-list", () => {
    expect(summary("jane@corp.org", { allowedEmailDomains: ["corp.org"] })).toEqual([]);
    expect(summary("jane@example.com", { allowedEmailDomains: [] })).toEqual(["email/medium/j•••@example.com"]);
  });
});

describe("maskPersonalData", () => {
  it.each([
    ["cust-4111111111111111", "cust-•••• 1111"],
    ["Cache for jane.doe@corp.org (+14155552671)", "Cache for j•••@corp.org (•••• 2671)"],
    ["payout_DE89370400440532013000_eu", "payout_•••• 3000_eu"],
    ["orders-cache", "orders-cache"],
    ["ops@example.com", "ops@example.com"],
    ["replica of 444455556666", "replica of 444455556666"], // informational findings stay
    ["arn:aws:iam::111122223333:user/jane@corp.org", "arn:aws:iam::111122223333:user/j•••@corp.org"],
  ])("%s → %s", (text, expected) => {
    expect(maskPersonalData(text, options)).toBe(expected);
  });

  it("masks the whole value of a personal-data tag", () => {
    expect(maskPersonalData("CUST-AB-90210-77", { ...options, contextKey: "customer-id" })).toBe("•••• 1077");
  });

  it.each([
    "cust-4111111111111111",
    "jdoe.4111111111111111@corp.org",
    "Replication group ab123456c-cache has a UK National Insurance number (•••• 456C) in ReplicationGroupId.",
    "jane@corp.org, +14155552671, 078-05-1120, 12345678Z, X1234567L, ABCPE1234F, 2345 6789 0124",
    "customer_id_40271935",
  ])("is idempotent: %s", (text) => {
    const once = maskPersonalData(text, options);
    expect(once).not.toBe(text);
    expect(maskPersonalData(once, options)).toBe(once);
    expect(detectPersonalData(once, options).filter((f) => f.confidence !== "info")).toEqual([]);
  });

  it("is idempotent over generated combinations of identifiers and separators", () => {
    const parts = [
      "orders",
      "jane@corp.org",
      "4111111111111111",
      "2026-01-01",
      "078-05-1120",
      "DE89370400440532013000",
    ];
    parts.push(
      "+14155552671",
      "(415) 555-2671",
      "AB123456C",
      "12345678Z",
      "acct",
      "40271935",
      "444455556666",
      "_",
      ".",
      "-",
    );
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 1000; n++) {
      let text = "";
      for (let i = 0, k = 1 + Math.floor(random() * 6); i < k; i++) {
        text += parts[Math.floor(random() * parts.length)]! + (random() < 0.5 ? " " : "");
      }
      const once = maskPersonalData(text, options);
      expect(maskPersonalData(once, options), text).toBe(once);
    }
  });

  it("returns text without findings unchanged, even when NFKC would change it", () => {
    const text = "ﬁle-store ①";
    expect(maskPersonalData(text, options)).toBe(text);
  });

  it("is fast enough to run over every string of a snapshot", () => {
    const texts = Array.from(
      { length: 5000 },
      (_, i) => `Replication group orders-${i} in us-east-1 passed check ${i}.`,
    );
    const started = performance.now();
    for (const text of texts) maskPersonalData(text, options);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
