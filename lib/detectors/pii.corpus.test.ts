import { describe, expect, it } from "vitest";
import { CORPUS_ACCOUNT, cleanNames, identifierNames, type CorpusEntry } from "./corpus/pii";
import { DEFAULT_ALLOWED_EMAIL_DOMAINS, detectPersonalData, maskPersonalData, type PiiOptions } from "./pii";

const options: PiiOptions = { accountId: CORPUS_ACCOUNT, allowedEmailDomains: DEFAULT_ALLOWED_EMAIL_DOMAINS };

function optionsFor(entry: CorpusEntry): PiiOptions {
  return entry.contextKey === undefined ? options : { ...options, contextKey: entry.contextKey };
}

/** Failures grouped by category, a few examples each, so a regression says what kind of name broke. */
function report(failures: { category: string; line: string }[]): string {
  const byCategory = new Map<string, string[]>();
  for (const { category, line } of failures) byCategory.set(category, [...(byCategory.get(category) ?? []), line]);
  return [...byCategory]
    .map(([category, lines]) => `${category} (${lines.length}):\n  ${lines.slice(0, 5).join("\n  ")}`)
    .join("\n");
}

describe("personal-data detector on generated corpora", () => {
  it("finds nothing in tens of thousands of clean names (0 false positives)", () => {
    const corpus = cleanNames();
    // Every day of 2019–2027 four times over, plus the other categories: a corpus this small would prove nothing.
    expect(corpus.length).toBeGreaterThan(40_000);
    expect(new Set(corpus.map((e) => e.category)).size).toBeGreaterThan(30);
    const failures = corpus.flatMap((entry) => {
      const findings = detectPersonalData(entry.text, optionsFor(entry));
      if (findings.length === 0) return [];
      const found = findings.map((f) => `${f.detector}/${f.confidence}/${f.masked}`).join(", ");
      return [
        {
          category: entry.category,
          line: `${entry.contextKey ?? ""}${entry.contextKey ? "=" : ""}${entry.text} → ${found}`,
        },
      ];
    });
    expect(failures.length, report(failures)).toBe(0);
  });

  it("finds every generated identifier, in every promised form and place (100 % recall), and masks it away", () => {
    const corpus = identifierNames();
    expect(corpus.length).toBeGreaterThan(8_000);
    const failures = corpus.flatMap((entry) => {
      const entryOptions = optionsFor(entry);
      const findings = detectPersonalData(entry.text, entryOptions);
      const found = findings.some(
        (f) => entry.detectors.includes(f.detector) && f.masked.toLowerCase() === entry.masked.toLowerCase(),
      );
      const masked = maskPersonalData(entry.text, entryOptions);
      if (found && !masked.includes(entry.written)) return [];
      const got = findings.map((f) => `${f.detector}/${f.masked}`).join(", ") || "nothing";
      return [{ category: entry.category, line: `${entry.text} → ${got}; masked: ${masked}` }];
    });
    expect(failures.length, report(failures)).toBe(0);
  });

  it("covers every detector that reports personal data", () => {
    const detectors = new Set(identifierNames().flatMap((e) => e.detectors));
    expect([...detectors].sort()).toEqual([
      "aadhaar-in",
      "account-number",
      "card",
      "context-key",
      "dni-es",
      "email",
      "iban",
      "nie-es",
      "nino-uk",
      "pan-in",
      "phone",
      "sin-ca",
      "ssn-us",
    ]);
  });

  it("is deterministic: the same seed gives the same corpora", () => {
    expect(identifierNames(7)).toEqual(identifierNames(7));
    expect(identifierNames(7)).not.toEqual(identifierNames(8));
  });
});
