/**
 * The results CSV as an integration reads it: by header, old columns where they always were, the
 * scan time, account, finding id, remediation, first seen and evidence after them, rows in the
 * default order, every cell safe to open in a spreadsheet.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { SEVERITIES, type Status } from "@/lib/controls/types";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { ec, exampleSnapshot, pool, user } from "@/lib/snapshot/fixtures";
import type { Sighting } from "@/lib/snapshot/store";
import { CSV_STATUS_ORDER, RESULT_COLUMNS, resultRows, toCsv } from "./csv";
import { exportSnapshot } from "./export";

const AT = "2026-11-27T10:05:00.000Z";
const snapshot = exampleSnapshot("week-2", AT, (s) => {
  s.account.name = "payments-prod";
  const rgAuth = s.controls.find((c) => c.id === "elasticache.rg-authentication")!;
  rgAuth.results[1]!.status = "error";
  rgAuth.results[1]!.evidence = { action: "elasticache:DescribeUserGroups", engine: "valkey", nodes: 3 };
  rgAuth.results[2]!.status = "not-applicable";
});

function parsed(csv: string): Record<string, string>[] {
  return parse(csv, { columns: true }) as Record<string, string>[];
}

describe("results CSV columns", () => {
  it("keeps the earlier columns in their order and adds the new ones after them", () => {
    expect(RESULT_COLUMNS).toEqual([
      "snapshotId",
      "accountId",
      "service",
      "controlId",
      "controlTitle",
      "severity",
      "controlStatus",
      "resourceName",
      "resourceArn",
      "resourceType",
      "region",
      "status",
      "reason",
      "tags",
      "muted",
      "muteReason",
      "muteOwner",
      "muteExpires",
      "scannedAt",
      "accountName",
      "findingId",
      "remediation",
      "firstSeen",
      "evidence",
    ]);
    expect(toCsv([], RESULT_COLUMNS).trim()).toBe(RESULT_COLUMNS.join(","));
  });

  it("fills scan time, account name, finding id, remediation and evidence on every row", () => {
    const rows = parsed(toCsv(resultRows(snapshot, {}), RESULT_COLUMNS));
    const results = snapshot.controls.flatMap((c) => c.results.map((r) => ({ c, r })));
    expect(rows).toHaveLength(results.length);
    for (const row of rows) {
      const { c, r } = results.find(({ r }) => r.findingId === row.findingId && r.status === row.status)!;
      expect(row).toMatchObject({
        scannedAt: AT,
        accountId: snapshot.account.id,
        accountName: "payments-prod",
        remediation: c.remediation.text,
        resourceArn: r.resourceArn,
      });
      // The evidence is one JSON object that reads back to exactly what the verdict used.
      expect(JSON.parse(row.evidence!)).toEqual(r.evidence);
    }
    const unjudged = rows.find((r) => r.status === "error")!;
    expect(JSON.parse(unjudged.evidence!)).toEqual({
      action: "elasticache:DescribeUserGroups",
      engine: "valkey",
      nodes: 3,
    });
  });

  it("leaves the account name empty when the snapshot does not record it", () => {
    const unnamed = exampleSnapshot("week-2", AT);
    expect(new Set(resultRows(unnamed, {}).map((r) => r.accountName))).toEqual(new Set([""]));
  });

  it("gives first seen from the account's history, empty when it is not known", () => {
    const sessions = snapshot.controls[0]!.results[0]!;
    const seen = new Map<string, Sighting>([
      [sessions.findingId, { firstSeen: "2026-10-02T08:00:00.000Z", lastSeen: AT }],
    ]);
    const rows = resultRows(snapshot, {}, seen);
    expect(rows.find((r) => r.findingId === sessions.findingId)?.firstSeen).toBe("2026-10-02T08:00:00.000Z");
    expect(rows.filter((r) => r.firstSeen !== "")).toHaveLength(1);
    expect(resultRows(snapshot, {}).every((r) => r.firstSeen === "")).toBe(true);
  });

  it("neutralises formulas in the new columns too", () => {
    const hostile = exampleSnapshot("week-2", AT, (s) => {
      s.account.name = '=HYPERLINK("http://x")';
      s.controls[0]!.remediation.text = "-2+3 then fix it";
      s.controls[0]!.results[0]!.name = "@SUM(A1)";
    });
    const rows = parsed(toCsv(resultRows(hostile, { control: hostile.controls[0]!.id }), RESULT_COLUMNS));
    expect(rows.every((r) => r.accountName === '\'=HYPERLINK("http://x")')).toBe(true);
    expect(rows.every((r) => r.remediation === "'-2+3 then fix it")).toBe(true);
    expect(rows.find((r) => r.resourceName?.startsWith("'@"))?.resourceName).toBe("'@SUM(A1)");
    // JSON evidence starts with a brace: never a formula, never changed.
    expect(rows.every((r) => r.evidence!.startsWith("{"))).toBe(true);
  });
});

describe("results CSV order", () => {
  const severityRank = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
  const statusRank = (s: string) => CSV_STATUS_ORDER.indexOf(s as Status);

  it.each([
    ["the example account", snapshot],
    ["the demo account", demoSnapshot()],
  ])("sorts %s by severity, status, control, then resource", (_name, s) => {
    const rows = resultRows(s, {});
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      const order =
        severityRank(a.severity) - severityRank(b.severity) ||
        statusRank(a.status) - statusRank(b.status) ||
        (a.controlId < b.controlId ? -1 : a.controlId > b.controlId ? 1 : 0);
      expect(order, `${a.controlId} ${a.status} before ${b.controlId} ${b.status}`).toBeLessThanOrEqual(0);
    }
  });

  it("puts critical and failing rows first, errors before warnings, and orders resources by name", () => {
    const rows = resultRows(snapshot, {});
    expect(rows.slice(0, 6).map((r) => [r.severity, r.status, r.controlId, r.resourceArn])).toEqual([
      ["high", "fail", "elasticache.rg-authentication", ec("eu-west-1", "replicationgroup", "carts-eu")],
      ["high", "fail", "elasticache.rg-authentication", ec("us-east-1", "replicationgroup", "sessions-prod")],
      ["high", "fail", "elasticache.rg-transit-encryption", ec("us-east-1", "replicationgroup", "checkout")],
      ["high", "fail", "iam.admin-users-with-keys", user("platform-ops")],
      ["high", "fail", "xc.credentials-in-urls", `${pool("us-east-1", "Xk82")}/client/1k7d`],
      ["high", "error", "elasticache.rg-authentication", ec("us-east-1", "replicationgroup", "checkout")],
    ]);
    const statuses = rows.filter((r) => r.severity === "high").map((r) => r.status);
    expect(statuses.indexOf("error")).toBeLessThan(statuses.indexOf("warn"));
    expect(statuses.lastIndexOf("warn")).toBeLessThan(statuses.indexOf("pass"));
    expect(rows.at(-1)).toMatchObject({ severity: "low", controlId: "personalize.s3-bucket-encryption" });
  });

  it("sorts the JSON results export the same way and passes the history on", async () => {
    const sessions = snapshot.controls[0]!.results[0]!;
    const seen = new Map<string, Sighting>([[sessions.findingId, { firstSeen: AT, lastSeen: AT }]]);
    const query = { format: "json", scope: "results" } as const;
    const json = JSON.parse(
      String((await exportSnapshot(snapshot, query, undefined, undefined, undefined, seen)).body),
    );
    expect(json).toEqual(resultRows(snapshot, {}, seen));
    const csv = await exportSnapshot(
      snapshot,
      { format: "csv", scope: "results" },
      undefined,
      undefined,
      undefined,
      seen,
    );
    expect(parsed(String(csv.body)).find((r) => r.findingId === sessions.findingId)?.firstSeen).toBe(AT);
  });
});
