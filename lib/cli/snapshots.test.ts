import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT, exampleSnapshot, REGIONS } from "@/lib/snapshot/fixtures";

const OTHER = "444455556666";
let dataDir: string;
let stderr: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-snapshots-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
  // The store logs the unreadable record it finds as JSON on stderr.
  stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => stderr.mockRestore());

/**
 * Four scans of two accounts and a stored demo run: a full one, one of 3 Regions of two services
 * that lost a call and skipped a Region, one without a score; then a record that does not parse.
 */
async function fill() {
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  const store = openSnapshotStore(dataDir);
  await store.put(exampleSnapshot("20261120T100500Z-full", "2026-11-20T10:05:00.000Z"));
  await store.put(
    exampleSnapshot("20261127T100500Z-part", "2026-11-27T10:05:31.250Z", (s) => {
      s.regions = REGIONS.slice(0, 3);
      s.score = 81;
      for (const service of s.services) service.evaluated = service.id === "iam" || service.id === "cognito";
      s.coverage.errors = [
        {
          service: "cognito",
          region: "us-east-2",
          action: "cognito-idp:ListUserPools",
          kind: "throttled",
          message: "Rate exceeded",
        },
      ];
      s.coverage.skippedRegions = [{ region: "us-west-2", service: "cognito", reason: "no endpoint" }];
    }),
  );
  await store.put(
    exampleSnapshot("20261125T080000Z-other", "2026-11-25T08:00:00.000Z", (s) => {
      s.account = { id: OTHER, partition: "aws" };
      s.regions = ["eu-west-1"];
      s.services = s.services.map((service) => ({ ...service, evaluated: service.id === "iam" }));
      s.score = null;
    }),
  );
  await store.put(
    exampleSnapshot("demo-run", "2026-11-21T12:00:00.000Z", (s) => {
      s.source = "demo";
      s.account = { id: "210987654321", partition: "aws" };
    }),
  );
  const raw = new Database(path.join(dataDir, "safekeep.db"));
  raw
    .prepare("INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES (?, ?, ?, ?, ?, ?)")
    .run("20261128T000000Z-torn", "aws", ACCOUNT, "2026-11-28T00:00:00.000Z", 99, '{"schemaVersion":1,');
  raw.close();
}

async function run(argv: string[]) {
  const { main } = await import("./snapshots");
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (m: string) => out.push(m), err: (m: string) => err.push(m) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run snapshots", { timeout: 30_000 }, () => {
  it("lists every stored snapshot newest first, with UTC time, score and coverage", async () => {
    await fill();
    const { code, out, err } = await run([]);
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(out).toBe(
      [
        "Snapshot                Account              Finished              Score   Coverage",
        "20261128T000000Z-torn   123456789012         2026-11-28 00:00 UTC  –       unreadable",
        "20261127T100500Z-part   123456789012         2026-11-27 10:05 UTC  81/100  2 services, 3 Regions, 2 gaps (failed calls or skipped Regions)",
        "20261125T080000Z-other  444455556666         2026-11-25 08:00 UTC  –       1 service, 1 Region",
        "demo-run                210987654321 (demo)  2026-11-21 12:00 UTC  75/100  6 services, 8 Regions",
        "20261120T100500Z-full   123456789012         2026-11-20 10:05 UTC  75/100  6 services, 8 Regions",
      ].join("\n"),
    );
  });

  it("filters by --account and prints JSON with --json", async () => {
    await fill();
    const { code, out } = await run(["--account", ACCOUNT, "--json"]);
    expect(code).toBe(0);
    const rows = JSON.parse(out);
    expect(rows.map((r: { id: string }) => r.id)).toEqual([
      "20261128T000000Z-torn",
      "20261127T100500Z-part",
      "20261120T100500Z-full",
    ]);
    // The unreadable record's stored score (99) is not repeated: nothing can vouch for it.
    expect(rows[0]).toEqual({
      id: "20261128T000000Z-torn",
      accountId: ACCOUNT,
      source: "aws",
      finishedAt: "2026-11-28T00:00:00.000Z",
      score: null,
      scope: null,
      unreadable: true,
    });
    expect(rows[1]).toEqual({
      id: "20261127T100500Z-part",
      accountId: ACCOUNT,
      source: "aws",
      finishedAt: "2026-11-27T10:05:31.250Z",
      score: 81,
      scope: {
        regions: ["us-east-1", "us-east-2", "us-west-2"].sort(),
        services: ["iam", "cognito"],
        gaps: ["cognito-idp:ListUserPools us-east-2", "skipped us-west-2 cognito"],
      },
      unreadable: false,
    });
  });

  it("says when nothing is stored, or nothing of the account asked for", async () => {
    expect(await run([])).toEqual({ code: 0, out: "No snapshots stored yet.", err: "" });
    expect(await run(["--json"])).toEqual({ code: 0, out: "[]", err: "" });
    await fill();
    expect(await run(["--account", "999999999999"])).toEqual({
      code: 0,
      out: "No snapshots of account 999999999999 stored.",
      err: "",
    });
    expect(await run(["--account", "999999999999", "--json"])).toMatchObject({ code: 0, out: "[]" });
  });

  it.each([
    [["--account", "12345"], "--account must be a 12-digit AWS account id"],
    [["--account", "12345678901a"], "--account must be a 12-digit AWS account id"],
    [["--account"], "Option '--account <value>' argument missing"],
    [["--limit", "3"], "Unknown option '--limit'"],
    [["latest"], "Unexpected argument 'latest'"],
  ])("%j exits 2 with a message and the usage", async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    expect(result.err).toContain(message);
    expect(result.err).toContain("Usage: npm run snapshots -- [--account ID] [--json]");
  });
});

describe("utcMinute", () => {
  it.each([
    ["2026-11-27T10:05:59.999Z", "2026-11-27 10:05 UTC"],
    ["2026-11-27T23:30:00+02:00", "2026-11-27 21:30 UTC"],
    ["not a date", "not a date"],
  ])("%s → %s", async (iso, text) => {
    const { utcMinute } = await import("./snapshots");
    expect(utcMinute(iso)).toBe(text);
  });
});
