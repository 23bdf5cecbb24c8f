import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_ALLOWED_EMAIL_DOMAINS,
  detectPersonalData,
  maskPersonalData,
  personalDataContexts,
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
    // ...and in lower case, as S3 bucket names and ElastiCache ids must be written.
    ["payouts-gb82west12345698765432-eu", "iban/high/•••• 5432"],
    ["de89 3704 0044 0532 0130 00", "iban/high/•••• 3000"],
    ["cache-fr1420041010050500013m02606-prod", "iban/high/•••• 2606"],
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
    ["amex 3782-822463-10005", "card/high/•••• 0005"],
    ["cache-4111-1111-1111-1111-prod", "card/high/•••• 1111"],
    // US SSN: separators, or bare with a context keyword.
    ["078-05-1120", "ssn-us/high/•••• 1120"],
    ["emp 078 05 1120", "ssn-us/high/•••• 1120"],
    ["ssn 078051120", "ssn-us/high/•••• 1120"],
    // UK NINO: upper case, or in its canonical spacing in any case, or under a NINO context word.
    ["AB123456C", "nino-uk/high/•••• 456C"],
    ["holder ce 12 34 56 d", "nino-uk/high/•••• 456D"],
    ["ref_AB123456C", "nino-uk/high/•••• 456C"],
    ["nino-ab123456c", "nino-uk/high/•••• 456C"],
    // Canadian SIN (Luhn, not starting 0/8).
    ["130 692 544", "sin-ca/medium/•••• 2544"],
    // Aadhaar: grouped → medium; with a context keyword → high, also unseparated.
    ["2345 6789 0124", "aadhaar-in/medium/•••• 0124"],
    ["aadhaar 234567890124", "aadhaar-in/high/•••• 0124"],
    // Indian PAN: upper case, or lower case under a PAN context word.
    ["ABCPE1234F", "pan-in/medium/•••• 234F"],
    ["pan-no-abcpe1234f", "pan-in/medium/•••• 234F"],
    // Spanish DNI / NIE with a valid control letter, either case.
    ["titular-12345678Z", "dni-es/high/•••• 678Z"],
    ["12345678-z", "dni-es/high/•••• 678Z"],
    ["cache-12345678z-prod", "dni-es/high/•••• 678Z"],
    ["X1234567L", "nie-es/high/•••• 567L"],
    ["x1234567l", "nie-es/high/•••• 567L"],
    // A DNI whose number looks like a date is still one with an upper-case letter other than T or Z.
    ["20240116R", "dni-es/high/•••• 116R"],
    // E-mail outside the allow-list.
    ["jane.doe@corp.org", "email/medium/j•••@corp.org"],
    ["Owner: Jane.Doe@Corp.org", "email/medium/J•••@Corp.org"],
    // Phones: E.164 medium, formatted low.
    ["+14155552671", "phone/medium/•••• 2671"],
    ["call +442071838750 now", "phone/medium/•••• 8750"],
    ["call +44 20 7183 8750 now", "phone/medium/•••• 8750"],
    ["+1 (415) 555-2671", "phone/medium/•••• 2671"],
    ["(415) 555-2671", "phone/low/•••• 2671"],
    ["415.555.2671", "phone/low/•••• 2671"],
    ["cache-415-555-2671-prod", "phone/low/•••• 2671"],
    // Account numbers: only with a context word, in the text or the key.
    ["customer-id 40271935", "account-number/medium/•••• 1935"],
    ["customer_id_40271935", "account-number/medium/•••• 1935"],
    ["acct no 402719350017", "account-number/medium/•••• 0017"],
    ["cache-acctno40271935-prod", "account-number/medium/•••• 1935"],
    ["acct-no-1588610090", "account-number/medium/•••• 0090"],
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
    ["lower-case IBAN with a bad check", "de89370400440532013001"],
    ["IBAN-length token without the country's BBAN structure", "gb82w3st12345698765432"],
    ["unknown IBAN country", "QQ89370400440532013000"],
    ["IBAN-shaped prefix of a longer token", "DE89370400440532013000XYZ9"],
    ["SSN with area 000", "000-12-3456"],
    ["SSN with area 666", "666-12-3456"],
    ["SSN with area 9xx", "912-34-5678"],
    ["SSN with group 00", "123-00-4567"],
    ["NINO with a forbidden prefix", "GB123456A"],
    ["NINO with a bad suffix letter", "AB123456E"],
    ["lower-case NINO-shaped id without spacing or context", "ab123456c-cache"],
    ["NINO with partial spacing", "AB 123456 C"],
    ["lower-case PAN", "abcpe1234f"],
    ["PAN-shaped batch name", "batch2024a"],
    ["PAN with a bad holder type", "ABCXE1234F"],
    ["DNI with a wrong letter", "12345678A"],
    ["date stamp followed by a letter", "20240115z"],
    ["second build of the day", "backup-20240115b"],
    ["date stamp in UTC", "20240115Z"],
    ["NIE with a wrong letter", "X1234567A"],
    ["allow-listed e-mail domain", "ops@example.com"],
    ["allow-listed subdomain", "no-reply@email.eu-west-1.amazonaws.com"],
    ["short number", "build 1234567"],
    ["number without a context word", "cust 40271935"],
    ["16 digits failing Luhn", "4111111111111112"],
    ["bare 9 digits without an SSN word", "078051120"],
    ["SIN starting with 0", "046-454-286"],
    ["SIN failing Luhn", "130-692-545"],
    ["Aadhaar failing Verhoeff", "2345 6789 0125"],
    ["hyphen-joined digits (dates in names)", "orders-cache-2026-01-01-03-00"],
    // Luhn-valid and with a card prefix once the separators are dropped: 4001 2026 0115 0300.
    ["dated backup whose digits pass Luhn", "automatic.orders-4001-2026-01-15-03-00"],
    ["numbered cache node", "orders-v12-0001-001"],
    ["card-length run that is a timestamp with milliseconds", "export-20260115030000123"],
    ["epoch in microseconds", "t1767225600000000"],
    ["EC2 instance id", "i-0412345678901234a"],
    ["EC2 host name", "ip-10-0-12-201.eu-west-1.compute.internal"],
    ["IPv6 address", "2001:db8:85a3:0:0:8a2e:370:7334"],
    ["Personalize weekly job", "weekly-email-recs-2026-w46"],
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
    ["card digits grouped unlike any card", "4111-11-1111-111111"],
    ["masked card", "•••• 1111"],
    ["masked e-mail", "j•••@corp.org"],
  ])("%s: %s", (_name, text) => {
    expect(summary(text)).toEqual([]);
  });

  it("does not treat the first detector's rejects as final (a card after other digits is still found)", () => {
    expect(summary("ref 77 / 4111111111111111")).toContain("card/high/•••• 1111");
  });
});

describe("context words", () => {
  it.each([
    ["customer-id", "personal"],
    ["CustomerId", "personal"],
    ["customer_number", "personal"],
    ["member.id", "personal"],
    ["SSN", "ssn"],
    ["employee_ssn", "ssn"],
    ["SocialSecurityNumber", "ssn"],
    ["date-of-birth", "personal"],
    ["dob", "personal"],
    ["passport", "personal"],
    ["Credit Card", "financial"],
    ["sort_code", "financial"],
    ["account-no", "financial"],
    ["account_number", "financial"],
    ["acct-no", "financial"],
    ["acctno", "financial"],
    ["AccountNumber", "financial"],
    ["routing-number", "financial"],
    ["tax_id", "personal"],
    ["NINumber", "nino"],
    ["AadhaarNo", "aadhaar"],
    ["pan-card", "pan"],
  ])("%s announces %s data", (key, context) => {
    expect([...personalDataContexts(key)]).toContain(context);
  });

  it.each([
    "Name",
    "env",
    "owner",
    "cost-center",
    "adobe-team",
    "customerIdentifierScheme",
    "accounting",
    "acct",
    "acct-owner",
    "billing-acct",
    "routing",
    "routing-table",
    "account-id",
    "panorama",
    "snino",
  ])("%s does not (whole words only)", (key) => {
    expect(personalDataContexts(key).size).toBe(0);
  });

  it("never makes a short or non-numeric value a finding on its own", () => {
    for (const value of ["C-42", "CUST-AB-90210-77", "payments", "2024", "12345", "blue-green"]) {
      expect(summary(value, { contextKey: "customer-id" }), value).toEqual([]);
    }
  });

  it("makes a numeric value of six digits or more a finding, however grouped", () => {
    expect(summary("40-27-19", { contextKey: "sort-code" })).toEqual(["context-key/medium/••••"]);
    expect(summary("1985-04-12", { contextKey: "date-of-birth" })).toEqual(["context-key/medium/•••• 0412"]);
  });

  it("lets a more specific detector claim the value first", () => {
    expect(summary("4111111111111111", { contextKey: "card-number" })).toEqual(["card/high/•••• 1111"]);
  });

  it("reads bare numbers as the identifier its word names", () => {
    expect(summary("40271935", { contextKey: "acct-no" })).toEqual(["account-number/medium/•••• 1935"]);
    expect(summary("078051120", { contextKey: "ssn" })).toEqual(["ssn-us/high/•••• 1120"]);
    // Under another personal-data word the same nine digits are an account number, not an SSN.
    expect(summary("078051120", { contextKey: "customer-id" })).toEqual(["account-number/medium/•••• 1120"]);
    expect(summary("234567890124", { contextKey: "aadhaar" })).toEqual(["aadhaar-in/high/•••• 0124"]);
  });

  it("ignores placeholders, empty and already-masked values", () => {
    for (const value of ["", "  ", "n/a", "none", "TBD", "•••• 1935", "••••", "j•••@corp.org"]) {
      expect(summary(value, { contextKey: "customer-id" }), value).toEqual([]);
    }
  });

  it("does not flag values of ordinary keys, even when the key merely contains a context word", () => {
    expect(summary("40271935", { contextKey: "env" })).toEqual([]);
    expect(summary("40271935", { contextKey: "routing-table" })).toEqual([]);
    expect(summary("40271935", { contextKey: "acct-owner" })).toEqual([]);
    expect(summary("111122223333", { contextKey: "account-number" })).toEqual([]); // own account
  });
});

describe("findings never carry the raw value", () => {
  const KEY = Buffer.alloc(32, 7);

  it("emits no hash at all without the installation key", () => {
    const [finding] = detectPersonalData("4111-1111-1111-1111", options);
    expect(finding).toEqual({ detector: "card", confidence: "high", masked: "•••• 1111", knownTestValue: true });
  });

  it("hashes the canonical value with HMAC-SHA256 under the installation key", () => {
    const [finding] = detectPersonalData("4111-1111-1111-1111", { ...options, hashKey: KEY });
    const expected = createHmac("sha256", KEY).update("safekeep/pii-finding/v2\u00004111111111111111").digest("hex");
    expect(finding?.hash).toBe(expected);
    expect(JSON.stringify(finding)).not.toContain("41111111");
    // Not the unkeyed scheme it replaces, which anyone could recompute from the masked form.
    expect(finding?.hash).not.toBe(createHash("sha256").update("safekeep-pii-v14111111111111111").digest("hex"));
  });

  it("gives the same value the same hash however it is written, and another key another hash", () => {
    const [a] = detectPersonalData("4111 1111 1111 1111", { ...options, hashKey: KEY });
    const [b] = detectPersonalData("cache-4111111111111111-prod", { ...options, hashKey: KEY });
    const [c] = detectPersonalData("4111111111111111", { ...options, hashKey: Buffer.alloc(32, 8) });
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
    expect(maskPersonalData("40-27-19", { ...options, contextKey: "sort-code" })).toBe("••••");
    expect(maskPersonalData("C-42", { ...options, contextKey: "customer-id" })).toBe("C-42");
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
      "acct-no",
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
