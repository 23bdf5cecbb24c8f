import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "@/lib/snapshot/schema";
import { CONTROL_COLUMNS, RESULT_COLUMNS } from "./csv";
import { exportOrganization, organizationExportQuerySchema, organizationFileName } from "./organization-export";
import { PAYMENTS_OU, PROD, prodScan, SANDBOX, sandboxScan, STAGING, stagingScan } from "./organization-fixtures";
import {
  ORGANIZATION_CONTROL_COLUMNS,
  ORGANIZATION_RESULT_COLUMNS,
  type OrganizationDocument,
} from "./organization-tables";

const generatedAt = new Date("2026-11-28T12:00:00.000Z");
let snapshots: Snapshot[];
beforeAll(() => {
  snapshots = [prodScan(), stagingScan(), sandboxScan()];
});

const byAccount = (rows: Record<string, string>[]) =>
  Object.fromEntries([PROD, STAGING, SANDBOX].map((id) => [id, rows.filter((r) => r.accountId === id)]));

async function csv(scope?: "controls" | "results") {
  const file = await exportOrganization({ snapshots, generatedAt }, { format: "csv", scope });
  return {
    file,
    text: file.body as string,
    rows: parse(file.body as string, { columns: true }) as Record<string, string>[],
  };
}

describe("organization CSV", () => {
  it("has the account's columns first, then exactly the single-snapshot columns", () => {
    expect(ORGANIZATION_CONTROL_COLUMNS.slice(0, 6)).toEqual([
      "accountId",
      "accountName",
      "ou",
      "snapshotId",
      "scannedAt",
      "source",
    ]);
    expect(ORGANIZATION_CONTROL_COLUMNS.slice(6)).toEqual(CONTROL_COLUMNS.filter((c) => c !== "snapshotId"));
    expect(ORGANIZATION_RESULT_COLUMNS.slice(6)).toEqual(
      RESULT_COLUMNS.filter((c) => !["snapshotId", "accountId", "accountName", "scannedAt"].includes(c)),
    );
  });

  it("writes one row per account × control, each with its own account and scan time", async () => {
    const { text, rows } = await csv();
    expect(text.split("\n")[0]).toBe(ORGANIZATION_CONTROL_COLUMNS.join(","));
    const per = byAccount(rows);
    for (const snapshot of snapshots) {
      const mine = per[snapshot.account.id]!;
      expect(mine).toHaveLength(snapshot.controls.length);
      expect(new Set(mine.map((r) => `${r.snapshotId} ${r.scannedAt} ${r.accountName}`))).toEqual(
        new Set([`${snapshot.id} ${snapshot.finishedAt} ${snapshot.account.name}`]),
      );
    }
    expect(rows).toHaveLength(snapshots.reduce((n, s) => n + s.controls.length, 0));
    const rootKeys = per[PROD]!.find((r) => r.controlId === "xc.root-access-keys")!;
    expect(rootKeys).toMatchObject({ ou: PAYMENTS_OU, status: "fail", severity: "critical", failing: "1" });
    // A control the sandbox could not judge says so: error, never fail or pass.
    expect(per[SANDBOX]!.every((r) => r.status === "error" && r.failing === "0")).toBe(true);
  });

  it("writes one row per account × resource result with the results scope", async () => {
    const { file, rows } = await csv("results");
    expect(file.fileName).toBe("safekeep-organization-2026-11-28-results.csv");
    const per = byAccount(rows);
    for (const snapshot of snapshots) {
      const results = snapshot.controls.reduce((n, c) => n + c.results.length, 0);
      expect(per[snapshot.account.id]).toHaveLength(results);
    }
    expect(Object.keys(rows[0]!)).toEqual(ORGANIZATION_RESULT_COLUMNS);
    const failing = rows.find((r) => r.accountId === PROD && r.status === "fail")!;
    expect(failing.resourceArn).toMatch(/^arn:aws:/);
    expect(failing.resourceName).not.toBe("");
  });
});

describe("organization JSON", () => {
  it("is the documented document: every account with its scan time, scores, services and controls", async () => {
    const file = await exportOrganization(
      { snapshots, generatedAt, notice: "Snapshot x could not be read." },
      {
        format: "json",
      },
    );
    expect(file.contentType).toBe("application/json; charset=utf-8");
    const doc = JSON.parse(file.body as string) as OrganizationDocument;
    expect(Object.keys(doc)).toEqual([
      "format",
      "version",
      "generatedAt",
      "ou",
      "accountCount",
      "scannedFrom",
      "scannedTo",
      "organizationScore",
      "notScoredAccounts",
      "notice",
      "accounts",
    ]);
    expect(doc).toMatchObject({
      format: "safekeep-organization",
      version: 1,
      generatedAt: "2026-11-28T12:00:00.000Z",
      ou: null,
      accountCount: 3,
      scannedFrom: "2026-11-25T10:00:00.000Z",
      scannedTo: "2026-11-27T10:00:00.000Z",
      organizationScore: { mean: 61, unverified: 7, scoredAccounts: 2, lowest: 59, highest: 63 },
      notScoredAccounts: [SANDBOX],
      notice: "Snapshot x could not be read.",
    });
    expect(doc.accounts.map((a) => a.accountId)).toEqual([PROD, SANDBOX, STAGING]);
    const sandbox = doc.accounts.find((a) => a.accountId === SANDBOX)!;
    expect(sandbox).toMatchObject({ score: null, scoreUnverified: 100, critical: { failing: 0, unchecked: 1 } });
    expect(sandbox.coverage).toMatchObject({ failedCalls: 1, deniedActions: ["iam:GetAccountSummary"] });
    const staging = doc.accounts.find((a) => a.accountId === STAGING)!;
    expect(staging.services.find((s) => s.id === "connect")).toMatchObject({ evaluated: false, score: null });
    expect(staging.controls).toHaveLength(snapshots[1]!.controls.length);
    const prod = doc.accounts.find((a) => a.accountId === PROD)!;
    expect(prod).toMatchObject({ name: "prod-payments", ou: PAYMENTS_OU, snapshotId: "prod-2", source: "aws" });
    const incomplete = prod.controls.find((c) => c.incomplete !== null)!;
    expect(incomplete.incomplete!.resources).toBe(incomplete.errors);
    expect(Object.keys(prod.controls[0]!)).toEqual([
      "id",
      "service",
      "title",
      "severity",
      "status",
      "incomplete",
      "resources",
      "failing",
      "warnings",
      "errors",
    ]);
  });

  it("gives the rows instead when a scope is asked for", async () => {
    const file = await exportOrganization({ snapshots, generatedAt }, { format: "json", scope: "controls" });
    const rows = JSON.parse(file.body as string) as Record<string, unknown>[];
    expect(rows).toHaveLength(snapshots.reduce((n, s) => n + s.controls.length, 0));
    expect(Object.keys(rows[0]!)).toEqual(ORGANIZATION_CONTROL_COLUMNS);
  });
});

describe("organization export query and file name", () => {
  it.each([
    [{}, { format: "json" }],
    [
      { format: "csv", scope: "results", ou: "ou-ab12-payments" },
      { format: "csv", scope: "results" },
    ],
    [
      { format: "pdf", ou: "r-ab12" },
      { format: "pdf", ou: "r-ab12" },
    ],
  ])("accepts %j", (query, parsed) => {
    expect(organizationExportQuerySchema.parse(query)).toMatchObject(parsed);
  });

  it.each([
    [{ format: "ocsf" }, /^format:/],
    [{ format: "pdf", scope: "results" }, /scope applies to csv and json only/],
    [{ scope: "snapshot" }, /^scope:/],
    [{ ou: "payments" }, /ou must be an organizational unit id/],
    [{ ou: "ou-ab12-x/../y" }, /ou must be an organizational unit id/],
    [{ service: "iam" }, /Unrecognized key/],
  ])("refuses %j", (query, message) => {
    const parsed = organizationExportQuerySchema.safeParse(query);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")).toMatch(message);
  });

  it.each([
    [{ format: "pdf" as const }, "safekeep-organization-2026-11-28.pdf"],
    [{ format: "csv" as const, scope: "controls" as const }, "safekeep-organization-2026-11-28-controls.csv"],
    [{ format: "json" as const, ou: "ou-ab12-payments" }, "safekeep-organization-ou-ab12-payments-2026-11-28.json"],
  ])("names the file of %j", (query, name) => {
    expect(organizationFileName(query, generatedAt)).toBe(name);
  });
});
