import { describe, expect, it } from "vitest";
import { cleanUrls, secretUrls } from "./corpus/urls";
import { inspectUrl, redactUrl } from "./urls";

/** Failures grouped by category, a few examples each. */
function report(failures: { category: string; line: string }[]): string {
  const byCategory = new Map<string, string[]>();
  for (const { category, line } of failures) byCategory.set(category, [...(byCategory.get(category) ?? []), line]);
  return [...byCategory]
    .map(([category, lines]) => `${category} (${lines.length}):\n  ${lines.slice(0, 5).join("\n  ")}`)
    .join("\n");
}

describe("credentials-in-URL detector on generated corpora", () => {
  it("flags none of thousands of clean configured URLs and leaves each unredacted (0 false positives)", () => {
    const corpus = cleanUrls();
    expect(corpus.length).toBeGreaterThanOrEqual(5_000);
    const failures = corpus.flatMap(({ category, url }) => {
      const findings = inspectUrl(url);
      const redacted = redactUrl(url);
      if (findings.length === 0 && redacted === url) return [];
      return [{ category, line: `${url} → ${findings.map((f) => f.rule).join(", ")} / ${redacted}` }];
    });
    expect(failures.length, report(failures)).toBe(0);
  });

  it("flags every secret-bearing URL and never lets the secret through redaction or details (100 % recall)", () => {
    const corpus = secretUrls();
    expect(corpus.length).toBeGreaterThanOrEqual(4_000);
    const failures = corpus.flatMap(({ category, url, secrets, severity }) => {
      const findings = inspectUrl(url);
      const redacted = redactUrl(url);
      const details = findings.map((f) => f.detail).join(" ");
      const flagged = severity === "fail" ? findings.some((f) => f.severity === "fail") : findings.length > 0;
      const leaked = secrets.filter((secret) => redacted.includes(secret) || details.includes(secret));
      if (flagged && leaked.length === 0) return [];
      return [
        {
          category,
          line: `${url} → ${findings.map((f) => `${f.rule}/${f.severity}`).join(", ") || "nothing"} / ${redacted}`,
        },
      ];
    });
    expect(failures.length, report(failures)).toBe(0);
  });

  it("uses upper, lower and mixed case parameter names in the secret corpus", () => {
    const names = secretUrls()
      .filter((e) => e.category === "credential parameter in the query")
      .map((e) => e.url.slice(e.url.lastIndexOf("&") + 1).split("=")[0]!);
    expect(names.some((n) => n === n.toUpperCase() && /[A-Z]/.test(n))).toBe(true);
    expect(names.some((n) => n === n.toLowerCase())).toBe(true);
    expect(names.some((n) => /[a-z][A-Z]/.test(n))).toBe(true);
  });
});
