import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoSnapshot } from "@/lib/demo/snapshot";
import type { Snapshot, SnapshotControl } from "@/lib/snapshot/schema";
import { MAX_RESOURCES_PER_CONTROL, renderSnapshotPdf } from "./pdf";
import { hyphenationParts, plural, wordBreaks } from "./pdf-text";

describe("where words may break", () => {
  it.each([
    ["a prose word", "responsibility"],
    ["a hyphenated prose word", "well-known"],
    ["a short identifier", "us-east-1"],
    ["a Region name", "ap-southeast-2,"],
    ["trailing punctuation only", "encryption,"],
  ])("keeps %s whole: %s", (_case, word) => {
    expect(wordBreaks(word)).toEqual([word]);
  });

  it.each([
    [
      "an ARN",
      "arn:aws:iam::210987654321:role/store-locator-guest",
      ["arn:", "aws:", "iam:", ":", "210987654321:", "role/", "store", "-locator"],
    ],
    ["an IAM action", "elasticache:DescribeServerlessCacheSnapshots", ["elasticache:", "Describe", "Serverless"]],
    [
      "a URL",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials.html",
      ["https:", "/", "/", "docs", ".aws"],
    ],
    ["an enum value", "ALLOW_USER_PASSWORD_AUTH,", ["ALLOW", "_USER", "_PASSWORD", "_AUTH,"]],
    ["a 64-hex id", "b8e0d2f4a6c8e0f2b4d6a8c0e2f4b6d8a0c2e4f6b8d0a2c4e6f8b0d2a4c6e8f0", ["b8e0d2f4a6", "c8e0f2b4d6"]],
  ])("breaks %s at safe points and adds nothing", (_case, word, start) => {
    const pieces = wordBreaks(word);
    expect(pieces.slice(0, start.length)).toEqual(start);
    expect(pieces.join("")).toBe(word);
    expect(pieces.every((p) => p.length <= 16)).toBe(true);
    // The callback's empty parts are what keep react-pdf from drawing a "-" at the break.
    const parts = hyphenationParts(word);
    expect(parts.join("")).toBe(word);
    expect(parts.filter((p) => p === "")).toHaveLength(pieces.length - 1);
  });
});

describe("plural", () => {
  it.each([
    [0, "failing resource", undefined, "0 failing resources"],
    [1, "failing resource", undefined, "1 failing resource"],
    [2, "failing resource", undefined, "2 failing resources"],
    [1, "retry", "retries", "1 retry"],
    [3, "retry", "retries", "3 retries"],
  ])("%i %s", (n, word, pluralWord, text) => {
    expect(plural(n, word, pluralWord)).toBe(text);
  });
});

/** `pdftotext -raw`: the text in content order, one line per laid-out line. */
function rawText(pdf: Buffer): string | undefined {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "safekeep-pdf-raw-")), "report.pdf");
  writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** Every identifier the report prints: result ARNs (as capped), actions, URLs. */
function identifiersOf(snapshot: Snapshot, controls: readonly SnapshotControl[]): string[] {
  const ids = new Set<string>(snapshot.coverage.deniedActions);
  for (const c of controls) {
    for (const a of c.requires) ids.add(a);
    for (const url of c.docs) ids.add(url);
    if (c.status !== "pass" && c.status !== "not-applicable") ids.add(c.remediation.url);
    // The block prints failing, then unjudged, then warning rows, up to its cap.
    const open = (["fail", "error", "warn"] as const).flatMap((st) => c.results.filter((r) => r.status === st));
    for (const r of open.slice(0, MAX_RESOURCES_PER_CONTROL)) ids.add(r.resourceArn);
  }
  return [...ids];
}

/**
 * Checks the report's text against its identifiers. Lines are joined with nothing between them (a
 * wrapped identifier continues on the next line), after dropping the running header and footer (an
 * identifier split by a page break continues after them). An identifier that gained a "-" where it
 * wrapped is then not found; and a line that ends in "-" must not be a break inside an identifier that
 * has no "-" there.
 */
function checkIdentifiers(raw: string, identifiers: readonly string[]) {
  const lines = raw
    .replace(/\f/g, "\n")
    .split("\n")
    .filter(
      (line) => !/^Status: ✓ pass .*Page \d+ of \d+$/.test(line) && !/^Safekeep data-protection report · /.test(line),
    );
  const joined = lines.join("");
  const missing = identifiers.filter((id) => !joined.includes(id));
  const all = identifiers.join("\n");
  const inserted: string[] = [];
  lines.forEach((line, i) => {
    if (!line.endsWith("-") || i + 1 >= lines.length) return;
    const before = /\S+$/.exec(line)![0];
    const after = /^\S+/.exec(lines[i + 1]!)?.[0] ?? "";
    const asPrinted = before + after;
    const withoutHyphen = before.slice(0, -1) + after;
    if (withoutHyphen.length > 6 && all.includes(withoutHyphen) && !all.includes(asPrinted)) inserted.push(asPrinted);
  });
  return { missing, inserted, breaks: lines.length };
}

/** The demo snapshot made long: 64-hex ids, long names, many denied actions and results. */
function longSnapshot(): Snapshot {
  const snapshot = demoSnapshot();
  const hex = (seed: number) => Array.from({ length: 64 }, (_, i) => ((seed * 7 + i * 13) % 16).toString(16)).join("");
  const connect = snapshot.controls.filter((c) => c.service === "connect");
  connect.forEach((control, n) => {
    control.status = "fail";
    control.results = Array.from({ length: 12 }, (_, i) => ({
      resourceArn: `arn:aws:connect:eu-central-1:${snapshot.account.id}:instance/${hex(n * 100 + i)}/integration-association/${hex(n * 100 + i + 50)}`,
      findingId: `long-${n}-${i}`,
      evidence: {},
      resourceType: "Integration association",
      region: "eu-central-1",
      status: "fail" as const,
      name: `northwind-customer-experience-contact-centre-${hex(i).slice(0, 24)}-recordings-archive`,
      reason: `Integration ${hex(i)} stores CALL_RECORDINGS_AND_SCHEDULED_REPORTS_WITHOUT_KMS in bucket northwind-contact-centre-recordings-archive-eu-central-1-${hex(i).slice(0, 16)}.`,
    }));
  });
  snapshot.coverage.deniedActions = [
    ...new Set([
      ...snapshot.coverage.deniedActions,
      ...snapshot.controls.flatMap((c) => c.requires),
      "elasticache:DescribeServerlessCacheSnapshots",
      "cognito-idp:GetUserPoolMfaConfig",
      "connect:ListInstanceStorageConfigs",
    ]),
  ];
  return snapshot;
}

describe("identifiers in the PDF's text layer", () => {
  it.each([
    ["the demo snapshot", demoSnapshot],
    ["a long-data snapshot", longSnapshot],
  ])("%s: every ARN, IAM action and URL is copied unbroken", { timeout: 120_000 }, async (_case, make) => {
    const snapshot = make();
    const raw = rawText(await renderSnapshotPdf(snapshot, { generatedAt: new Date("2026-12-02T10:00:00Z") }));
    if (raw === undefined) return;
    const identifiers = identifiersOf(snapshot, snapshot.controls);
    expect(identifiers.length).toBeGreaterThan(50);
    // The check has something to judge: long identifiers did wrap.
    expect(identifiers.filter((id) => !raw.includes(id)).length).toBeGreaterThan(0);
    const { missing, inserted } = checkIdentifiers(raw, identifiers);
    expect(missing).toEqual([]);
    expect(inserted).toEqual([]);
  });
});
