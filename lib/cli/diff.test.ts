import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ec, exampleSnapshot } from "@/lib/snapshot/fixtures";

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-diff-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  const store = openSnapshotStore(dataDir);
  await store.put(exampleSnapshot("before", "2026-11-20T10:05:00.000Z"));
  await store.put(
    exampleSnapshot("after", "2026-11-27T10:05:00.000Z", (s) => {
      // The scratch cluster was deleted (the scan listed us-east-1 completely); carts-eu now passes.
      for (const c of s.controls) {
        c.results = c.results.filter((r) => r.resourceArn !== ec("us-east-1", "cluster", "scratch"));
        for (const r of c.results)
          if (r.resourceArn === ec("eu-west-1", "replicationgroup", "carts-eu")) r.status = "pass";
      }
    }),
  );
  await store.put({
    ...exampleSnapshot("foreign", "2026-11-21T10:05:00.000Z"),
    account: { id: "210987654321", partition: "aws" },
  });
});

async function run(argv: string[]) {
  const { main } = await import("./diff");
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (m: string) => out.push(m), err: (m: string) => err.push(m) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run diff", { timeout: 30_000 }, () => {
  it("prints counts and findings grouped by change", async () => {
    const { code, out } = await run(["--from", "before", "--to", "after"]);
    expect(code).toBe(0);
    expect(out).toContain(
      "New: 0 · Not checked before: 0 · Changed: 0 · Not re-checked: 0 · Fixed: 2 · Still failing: 8",
    );
    expect(out).toMatch(
      /\nFixed \(2\)\n {2}\[high\] elasticache\.rg-authentication .*carts-eu \(eu-west-1\) fail → pass/,
    );
    expect(out).toMatch(
      /scratch \(us-east-1\) fail → — · first seen 2026-11-20T10:05:00\.000Z\n {6}Gone: snapshot after listed us-east-1 completely\./,
    );
    expect(out).not.toContain("Not like for like");
  });

  it("prints the API's JSON with --json, latest naming the newest snapshot", async () => {
    const { code, out } = await run(["--from", "before", "--to", "latest", "--json"]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.to.id).toBe("after");
    expect(json.counts).toEqual({
      new: 0,
      notCheckedBefore: 0,
      changed: 0,
      notRechecked: 0,
      fixed: 2,
      stillFailing: 8,
    });
    expect(Object.keys(json)).toEqual([
      "account",
      "from",
      "to",
      "comparable",
      "scopeNotes",
      "counts",
      "unjudged",
      "services",
      "findings",
    ]);
  });

  it.each([
    [["--to", "after"], 2, "--from ID is required"],
    [["--from", "before", "--to", "a/b"], 2, "--to must be a snapshot id, latest or demo"],
    [["--from", "before", "--to", "after", "--colour"], 2, "Unknown option '--colour'"],
    [["--from", "before", "--to", "foreign"], 2, "different AWS accounts"],
    [["--from", "gone", "--to", "after"], 1, "No snapshot with id gone."],
  ])("%j exits %i", async (argv, code, message) => {
    const result = await run(argv);
    expect(result.code).toBe(code);
    expect(result.err).toContain(message);
  });
});
