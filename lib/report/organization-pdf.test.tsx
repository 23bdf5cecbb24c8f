import { pdfText } from "@/test-support/pdf-text";
import { beforeAll, describe, expect, it } from "vitest";
import { demoSnapshot } from "@/lib/demo/snapshot";
import type { Snapshot } from "@/lib/snapshot/schema";
import { PROD, prodScan, SANDBOX, sandboxScan, STAGING, stagingScan } from "./organization-fixtures";
import { renderOrganizationPdf } from "./organization-pdf";
import { organizationSummary } from "./organization-summary";

/** The text of each page (pdftotext separates pages with a form feed). */
const pagesOf = (text: string) => text.split("\f");

const generatedAt = new Date("2026-11-28T12:00:00.000Z");
let snapshots: Snapshot[];
beforeAll(() => {
  snapshots = [prodScan(), stagingScan(), sandboxScan()];
});

describe("renderOrganizationPdf", () => {
  it(
    "summarises every account, says which have no score and when each was scanned, then one section each",
    { timeout: 120_000 },
    async () => {
      const pdf = await renderOrganizationPdf(organizationSummary({ snapshots, generatedAt }));
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const text = pdfText(pdf);
      if (text === undefined) return;
      const pages = pagesOf(text);
      const [cover, table] = [pages[0]!, pages[1]!];
      expect(cover).toContain("Organization data-protection report");
      expect(cover).toMatch(/Accounts covered\s+3 accounts \(every account with a stored snapshot\)/);
      expect(cover).toContain("between 2026-11-25 10:00:00 UTC (oldest: sandbox) and 2026-11-27 10:00:00 UTC");
      expect(cover).toContain("Accounts are scanned at different times");
      // The mean of the two scored accounts, its unverified share, and the one left out said aloud.
      expect(cover).toMatch(/61\s+\/ 100 organization score · Poor\s+\? 7 % unverified/);
      expect(cover).toMatch(/The mean of the 2 scored accounts/);
      expect(cover).toMatch(/1 account has no score .* not in the mean: unknown, not 0/s);
      expect(cover).toMatch(/Not scored.*sandbox \(777788889999\)/s);
      expect(cover).toMatch(/prod-payments \(111122223333\): ✗ 1 failing \(xc\.root-access-keys\)/);
      expect(cover).toMatch(/sandbox \(777788889999\): 0 failing · \? 1 could not be checked/);

      // Every account in the table, in name order, with its scan time; no score is "—", never 0.
      const rows = table.split("\n");
      const at = (id: string) => rows.findIndex((line) => line.includes(id));
      expect(at(PROD)).toBeGreaterThan(-1);
      expect(at(PROD)).toBeLessThan(at(SANDBOX));
      expect(at(SANDBOX)).toBeLessThan(at(STAGING));
      const sandboxRow = rows.slice(at(SANDBOX) - 1, at(SANDBOX) + 2).join("\n");
      expect(sandboxRow).toContain("— No score");
      expect(sandboxRow).not.toMatch(/\b0 Poor\b/);
      const stagingRow = rows.slice(at(STAGING) - 1, at(STAGING) + 2).join("\n");
      expect(stagingRow.match(/not evaluated/g)).toHaveLength(4);
      expect(table).toContain("2026-11-26");
      expect(table).toMatch(/Mean of scored/);

      // One section per account, each starting on its own page with its own header.
      for (const snapshot of snapshots) {
        const first = pages.findIndex((page) =>
          page.includes(`Account ${snapshot.account.id} · snapshot ${snapshot.id}`),
        );
        expect(first, snapshot.account.id).toBeGreaterThan(1);
        expect(pages[first]).toContain("Scores and controls by status");
      }
      const sandboxSection = pages.find((page) => page.includes(`Account ${SANDBOX} ·`))!;
      expect(sandboxSection).toMatch(/— Not scored · \? 100 % unverified/);
      expect(sandboxSection).toContain("there is no score (unknown, not 0)");
      expect(sandboxSection).toMatch(/\? Error\s+xc\.root-access-keys \[Critical\]: nothing could be judged/);
      expect(sandboxSection).toContain("? iam:GetAccountSummary in global");
      const stagingSection = pages.filter((page) => page.includes(`Account ${STAGING} ·`)).join("\n");
      expect(stagingSection).toMatch(/Amazon Connect\s+Not evaluated: not part of this scan, no score\./);
      const prodSection = pages.filter((page) => page.includes(`Account ${PROD} ·`)).join("\n");
      expect(prodSection).toMatch(/59 \/ 100 overall · Poor · \? 11 % unverified/);
      expect(prodSection).toContain("The root user has no access keys");
      expect(prodSection).toMatch(/Failing controls \(\d+\)/);
      // A capped resource list shows the failing resources first, whatever the order they were stored in:
      // this control's first results could not be judged, but it has failing ones.
      const urls = prodSection.slice(prodSection.indexOf("Configured URLs carry no credentials"));
      expect(urls.split("\n")[2]).toMatch(/^\s*✗ Fail\s/);
      // Medium-severity failing controls get one line each.
      expect(prodSection).toMatch(/Medium\s+User pools require MFA[\s\S]*?\d+ of \d+ failing: northwind-customers-au/);
      expect(text).toMatch(/Page 1 of \d+/);
    },
  );

  it("marks demo data and limits itself to the organizational unit it was asked for", { timeout: 60_000 }, async () => {
    const pdf = await renderOrganizationPdf(
      organizationSummary({ snapshots: [demoSnapshot()], ou: "ou-ab12-payments", generatedAt }),
    );
    const text = pdfText(pdf);
    if (text === undefined) return;
    expect(text).toMatch(/1 account in organizational unit ou-ab12-payments/);
    expect(text).toContain("1 of these accounts is DEMO DATA");
    expect(text).toContain("DEMO DATA: the fictional account shipped with Safekeep");
  });
});
