import { parse } from "csv-parse/sync";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT, ec, exampleSnapshot, pool } from "@/lib/snapshot/fixtures";
import { pdfText } from "@/test-support/pdf-text";

let dataDir: string;

const OLDER = "2026-11-20T10:05:00.000Z";
const NEWER = "2026-11-27T10:05:00.000Z";
const HOSTILE = '=HYPERLINK("http://evil.example","open")';

/**
 * The older scan could not list replication groups in us-east-1 (denied): its rows there are one
 * Region-wide error row per control. The newer scan lists them (sessions-prod and checkout failing:
 * not checked before, never new), sees a new failing user pool client field, and fixes carts-eu.
 */
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-compare-export-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  const store = openSnapshotStore(dataDir);
  const action = "elasticache:DescribeReplicationGroups";
  await store.put(
    exampleSnapshot("older", OLDER, (s) => {
      s.coverage.errors.push({
        service: "elasticache",
        region: "us-east-1",
        action,
        kind: "access-denied",
        message: "denied",
      });
      s.coverage.deniedActions = [action];
      for (const c of s.controls.filter((c) => c.requires.includes(action))) {
        c.results = c.results.filter(
          (r) => !(r.resourceArn.includes(":replicationgroup:") && r.region === "us-east-1"),
        );
        c.results.push({
          resourceArn: `arn:aws:elasticache:us-east-1:${ACCOUNT}:*`,
          resourceType: "Region",
          region: "us-east-1",
          status: "error",
          reason: `Could not evaluate replication groups in us-east-1: ${action} failed.`,
          evidence: { action, errorKind: "access-denied" },
          field: action,
        });
      }
    }),
  );
  await store.put(
    exampleSnapshot("newer", NEWER, (s) => {
      for (const c of s.controls)
        for (const r of c.results) {
          if (r.resourceArn === ec("eu-west-1", "replicationgroup", "carts-eu")) r.status = "pass";
          if (r.resourceArn === pool("eu-west-1", "Hq9s")) {
            r.status = "fail";
            r.name = HOSTILE;
          }
        }
    }),
  );
  await store.put({ ...exampleSnapshot("elsewhere", OLDER), account: { id: "210987654321", partition: "aws" } });
});

async function exportOf(query: string) {
  const { GET } = await import("./route");
  return GET(new Request(`http://127.0.0.1/api/snapshots/compare/export${query}`));
}

interface Finding {
  id: string;
  change: string;
  service: string;
  resourceArn: string;
}

/** The comparison as GET /api/snapshots/compare answers it: what every export is checked against. */
async function comparison(): Promise<{ findings: Finding[]; counts: Record<string, number> }> {
  const { GET } = await import("../route");
  return (await GET(new Request("http://127.0.0.1/api/snapshots/compare?from=older&to=newer"))).json();
}

describe("GET /api/snapshots/compare/export", { timeout: 60_000 }, () => {
  it.each([
    ["", (f: Finding) => f.change !== "stillFailing"],
    ["&change=all", () => true],
    ["&change=notCheckedBefore", (f: Finding) => f.change === "notCheckedBefore"],
    ["&change=all&service=cognito", (f: Finding) => f.service === "cognito"],
    ["&service=elasticache", (f: Finding) => f.service === "elasticache" && f.change !== "stillFailing"],
  ])("CSV rows are the comparison's findings for %s, in its order", async (filter, keep) => {
    const response = await exportOf(`?from=older&to=newer&format=csv${filter}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="safekeep-compare-older-newer.csv"');
    const rows: Record<"resourceArn" | "resourceName" | "change" | "detail" | "findingId", string>[] = parse(
      await response.text(),
      { columns: true },
    );
    const expected = (await comparison()).findings.filter(keep);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r.findingId, r.change])).toEqual(expected.map((f) => [f.id, f.change]));
  });

  it("never calls what the older scan could not list new; a spreadsheet never runs a resource name", async () => {
    const rows: Record<"resourceArn" | "resourceName" | "change" | "detail" | "findingId", string>[] = parse(
      await (await exportOf("?from=older&to=newer&format=csv&change=all")).text(),
      { columns: true },
    );
    const change = (name: string) => rows.filter((r) => r.resourceArn.endsWith(name)).map((r) => r.change);
    expect(change(":sessions-prod")).toEqual(["notCheckedBefore"]);
    expect(change(":checkout")).toEqual(["notCheckedBefore"]);
    expect(change(":carts-eu")).toEqual(["fixed"]);
    expect(rows.filter((r) => r.change === "new").map((r) => r.resourceName)).toEqual([`'${HOSTILE}`]);
    expect(rows.some((r) => r.resourceArn.endsWith(":*"))).toBe(false);
    const detail = rows.find((r) => r.resourceArn.endsWith(":sessions-prod"))!.detail;
    expect(detail).toMatch(/not proven new: the control could not be evaluated in us-east-1/);
  });

  it("JSON is the comparison with its findings narrowed to the view", async () => {
    const response = await exportOf("?from=older&to=newer&format=json&change=new");
    expect(response.status).toBe(200);
    const body = await response.json();
    const whole = await comparison();
    expect(body.counts).toEqual(whole.counts);
    expect(body.view).toEqual({ change: "new", service: null, description: "New; every service" });
    expect(body.findings).toEqual(whole.findings.filter((f) => f.change === "new"));
    expect(body.listed).toBe(1);
  });

  it("PDF: what was compared, the counts and every listed row, in the house fonts", async () => {
    const response = await exportOf("?from=older&to=newer&format=pdf&change=all");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(bytes, { flat: true });
    if (text === undefined) return; // pdftotext missing: the text checks are skipped
    expect(text).toContain(`Safekeep comparison — account ${ACCOUNT}`);
    expect(text).toMatch(/New: 1 · Not checked before: 2 · Changed: 0 · Not re-checked: 0 · Fixed: 1/);
    expect(text).toContain("every finding; every service");
    expect(text).toContain("sessions-prod");
    expect(text).toContain(HOSTILE);
    expect(text).toContain("These snapshots did not cover the same ground");
  });

  it("PDF of a snapshot against itself says there are no changes", async () => {
    const text = pdfText(Buffer.from(await (await exportOf("?from=newer&to=newer&format=pdf")).arrayBuffer()), {
      flat: true,
    });
    if (text === undefined) return;
    expect(text).toContain("No changes between these two scans.");
    expect(text).toContain("Nothing matches this view.");
  });

  it.each([
    ["?from=older&to=newer", 400, /^format: must be one of csv, json, pdf$/],
    ["?from=older&to=newer&format=xlsx", 400, /^format: /],
    ["?from=older&to=newer&format=csv&format=json", 400, /^format: /],
    ["?to=newer&format=csv", 400, /^from: required once/],
    ["?from=../etc&to=newer&format=csv", 400, /^from: /],
    ["?from=older&to=newer&format=csv&change=gone", 400, /^change: must be all or one of new, notCheckedBefore/],
    ["?from=older&to=newer&format=csv&service=s3", 400, /^service: must be one of/],
    ["?from=older&to=newer&format=csv&limit=5", 400, /^query: unknown parameter limit$/],
    ["?from=older&to=elsewhere&format=csv", 400, /different AWS accounts/],
    ["?from=nope&to=newer&format=csv", 404, /^No snapshot with id nope\.$/],
  ])("answers %s with %i and a message", async (query, code, message) => {
    const response = await exportOf(query);
    expect(response.status).toBe(code);
    expect((await response.json()).error).toMatch(message);
  });

  it("answers 500 for a stored snapshot that cannot be read", async () => {
    const raw = new Database(path.join(dataDir, "safekeep.db"));
    raw
      .prepare("INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES (?, ?, ?, ?, ?, ?)")
      .run("torn", "aws", ACCOUNT, "2026-11-28T00:00:00.000Z", 90, '{"schemaVersion":1,');
    raw.close();
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const response = await exportOf("?from=older&to=torn&format=csv");
      expect(response.status).toBe(500);
      expect((await response.json()).error).toMatch(/torn is stored but could not be read/);
    } finally {
      stderr.mockRestore();
    }
  });
});
