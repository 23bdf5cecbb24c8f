import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { openFindingsByResults } from "@/lib/posture/open-findings";
import { pdfText } from "@/test-support/pdf-text";
import { exportSnapshot, scoreTrend } from "./export";
import { exportFileName, paperForLanguages } from "./export-request";

describe("the paper of the viewer's locale", () => {
  it.each([
    ["en-US,en;q=0.9", "letter"],
    ["en-CA", "letter"],
    ["es-MX,es;q=0.8", "letter"],
    ["fr-CA", "letter"],
    ["en-GB,en;q=0.9", "a4"],
    ["de-DE", "a4"],
    ["de-DE;q=0.5,en-US;q=0.9", "letter"],
    ["en", "a4"],
    ["zh-Hant-TW", "a4"],
    ["", "a4"],
    [null, "a4"],
  ])("%s → %s", (header, paper) => {
    expect(paperForLanguages(header)).toBe(paper);
  });
});

describe("export file names", () => {
  const snapshot = demoSnapshot();
  it.each([
    [
      { format: "pdf", scope: "snapshot", service: "elasticache" },
      {},
      "safekeep-210987654321-elasticache-2026-11-20.pdf",
    ],
    [{ format: "pdf", scope: "snapshot" }, {}, "safekeep-210987654321-2026-11-20.pdf"],
    [
      { format: "csv", scope: "results", control: "cognito.user-pool-mfa" },
      {},
      "safekeep-210987654321-cognito.user-pool-mfa-results-2026-11-20.csv",
    ],
    [
      { format: "ocsf", scope: "snapshot" },
      { name: "Northwind Prod / EU" },
      "safekeep-Northwind_Prod_EU-2026-11-20.ocsf.json",
    ],
  ] as const)("%o → %s", (query, account, name) => {
    expect(exportFileName({ ...snapshot, account: { ...snapshot.account, ...account } }, query)).toBe(name);
  });
});

describe("the score trend's points", () => {
  it("keeps this account's readable snapshots of the same source up to this one, oldest first", () => {
    const snapshot = { ...demoSnapshot(), source: "aws" as const };
    const id = snapshot.account.id;
    expect(
      scoreTrend(snapshot, [
        { accountId: id, source: "aws", finishedAt: "2026-11-13T08:00:00.000Z", score: 61 },
        { accountId: id, source: "aws", finishedAt: "2026-10-30T08:00:00.000Z", score: null },
        { accountId: id, source: "aws", finishedAt: "2026-11-27T08:00:00.000Z", score: 90 },
        { accountId: "111122223333", source: "aws", finishedAt: "2026-11-01T08:00:00.000Z", score: 10 },
        { accountId: id, source: "demo", finishedAt: "2026-11-02T08:00:00.000Z", score: 20 },
        { accountId: id, source: "aws", finishedAt: "2026-11-03T08:00:00.000Z", score: 30, unreadable: true },
      ]),
    ).toEqual([
      { finishedAt: "2026-10-30T08:00:00.000Z", score: null },
      { finishedAt: "2026-11-13T08:00:00.000Z", score: 61 },
      { finishedAt: snapshot.finishedAt, score: snapshot.score },
    ]);
  });
});

function pdfInfo(pdf: Buffer): string | undefined {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "safekeep-pdf-info-")), "report.pdf");
  writeFileSync(file, pdf);
  try {
    return execFileSync("pdfinfo", [file], { encoding: "utf8" });
  } catch {
    return undefined;
  }
}

describe("the snapshot PDF", () => {
  it(
    "is about the one service asked for, on Letter paper, with an outline per section",
    { timeout: 60_000 },
    async () => {
      const snapshot = demoSnapshot();
      const file = await exportSnapshot(snapshot, {
        format: "pdf",
        scope: "snapshot",
        service: "elasticache",
        paper: "letter",
      });
      expect(file.fileName).toBe("safekeep-210987654321-elasticache-2026-11-20.pdf");
      const pdf = file.body as Buffer;
      // The outline (bookmarks) holds one entry per section, in order.
      const titles = [...pdf.toString("latin1").matchAll(/\/Title \(([^)]*)\)/g)].map((m) => m[1]);
      expect(titles).toEqual([
        "Cover",
        "Contents and executive summary",
        "Amazon ElastiCache",
        "Scan coverage",
        "Appendix: every control evaluated",
      ]);
      expect(pdf.toString("latin1")).toContain("/Outlines");
      const info = pdfInfo(pdf);
      if (info !== undefined) expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
      const text = pdfText(pdf, { layout: false, flat: true });
      if (text === undefined) return;
      const service = snapshot.services.find((sv) => sv.id === "elasticache")!;
      const cover = text.slice(0, text.indexOf("Page 1 of"));
      expect(cover).toContain(`${service.score} / 100 · `);
      expect(cover).toContain("Score of Amazon ElastiCache in this snapshot.");
      expect(cover).toContain(
        `${service.counts.fail + service.counts.pass + service.counts.warn + service.counts.error + service.counts["not-applicable"]} controls evaluated`,
      );
      // Not the account's overall score, not the other services.
      expect(cover).not.toContain("Overall score");
      expect(cover).not.toContain("Amazon Cognito");
      expect(text).not.toMatch(/\b1 failing resources\b/);
    },
  );

  it(
    "draws the trend on A4 by default and counts open findings by severity like the overview",
    { timeout: 60_000 },
    async () => {
      const snapshot = demoSnapshot();
      const file = await exportSnapshot(snapshot, { format: "pdf", scope: "snapshot" }, undefined, undefined, [
        { accountId: snapshot.account.id, source: "demo", finishedAt: "2026-11-06T08:00:00.000Z", score: 48 },
      ]);
      const info = pdfInfo(file.body as Buffer);
      if (info !== undefined) expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      const text = pdfText(file.body as Buffer, { layout: false, flat: true });
      if (text === undefined) return;
      expect(text).toContain(`2026-11-06: 48 · 2026-11-20: ${snapshot.score}`);
      // Results, not controls: the same counts as the overview's severity bars.
      const high = openFindingsByResults(snapshot.controls).high;
      expect(high.fail).toBeGreaterThan(
        snapshot.controls.filter((c) => c.severity === "high" && c.status === "fail").length,
      );
      expect(text).toContain(`${high.fail} failing, ${high.warn} with warnings`);
      expect(text).toContain("Overall score of the account.");
    },
  );
});
