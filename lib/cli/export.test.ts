import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-export-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
});

async function run(argv: string[]) {
  const { main } = await import("./export");
  const err: string[] = [];
  const out: string[] = [];
  const code = await main(argv, { out: (m: string) => out.push(m), err: (m: string) => err.push(m) });
  return { code, err: err.join("\n"), out: out.join("\n") };
}

describe("npm run export", () => {
  it("exports a stored snapshot by id, and latest", async () => {
    const { main: scan } = await import("./scan");
    await scan(["--demo"], { out: () => undefined, err: () => undefined });
    const file = path.join(dataDir, "latest.csv");
    expect((await run(["--id", "latest", "--out", file])).code).toBe(0);
    expect((await readFile(file, "utf8")).split("\n")[0]).toContain("resourceArn");
  });

  it("fills first-seen times from the account's stored history in CSV and OCSF", async () => {
    const { exampleSnapshot } = await import("@/lib/snapshot/fixtures");
    const { openSnapshotStore } = await import("@/lib/snapshot/store");
    const store = openSnapshotStore(dataDir);
    const earlier = "2026-11-20T10:00:00.000Z";
    await store.put(exampleSnapshot("older", earlier));
    const later = exampleSnapshot("newer", "2026-11-27T10:00:00.000Z");
    await store.put(later);
    const failing = later.controls.flatMap((c) => c.results).find((r) => r.status === "fail")!;

    const csv = path.join(dataDir, "newer.csv");
    expect((await run(["--id", "newer", "--out", csv])).code).toBe(0);
    const [header, ...rows] = (await readFile(csv, "utf8")).trim().split("\n");
    const column = header!.split(",").indexOf("firstSeen");
    const row = rows.find((r) => r.includes(failing.resourceArn))!;
    expect(column).toBeGreaterThan(-1);
    expect(row).toContain(earlier);

    const ocsf = path.join(dataDir, "newer.ocsf.json");
    expect((await run(["--id", "newer", "--format", "ocsf", "--out", ocsf])).code).toBe(0);
    const findings = JSON.parse(await readFile(ocsf, "utf8")) as {
      finding_info: { uid: string; first_seen_time?: number };
    }[];
    const seen = findings.find((f) => f.finding_info.uid.includes(failing.findingId));
    expect(seen?.finding_info.first_seen_time).toBe(Date.parse(earlier));
  });

  it("exits 1 for an unknown snapshot and 2 for bad arguments", async () => {
    expect((await run(["--id", "nope", "--out", path.join(dataDir, "x.json")])).code).toBe(1);
    expect((await run(["--id", "../etc", "--out", "x"])).code).toBe(2);
    expect((await run(["--id", "demo"])).err).toContain("--out FILE is required");
  });
});

describe("npm run export -- --org", () => {
  async function storeAccounts() {
    const { exampleSnapshot } = await import("@/lib/snapshot/fixtures");
    const { openSnapshotStore } = await import("@/lib/snapshot/store");
    const store = openSnapshotStore(dataDir);
    await store.put(
      exampleSnapshot("prod-2", "2026-11-27T10:00:00.000Z", (s) => {
        s.account = { id: "111122223333", partition: "aws", name: "prod-payments", ou: "ou-ab12-payments" };
      }),
    );
    await store.put(
      exampleSnapshot("sandbox-1", "2026-11-25T10:00:00.000Z", (s) => {
        s.account = { id: "777788889999", partition: "aws", ou: "ou-ab12-sandbox1" };
      }),
    );
  }

  it("exits 1 with a message when no account has a snapshot", async () => {
    const { code, err } = await run(["--org", "--out", path.join(dataDir, "org.csv")]);
    expect(code).toBe(1);
    expect(err).toContain("no account has a readable stored snapshot; scan accounts first");
  });

  it("writes one CSV across accounts, or one OU's, and exits 1 for an OU without accounts", async () => {
    await storeAccounts();
    const file = path.join(dataDir, "org.csv");
    const all = await run(["--org", "--out", file]);
    expect(all).toMatchObject({ code: 0, out: `Wrote CSV of 2 accounts to ${file}` });
    const lines = (await readFile(file, "utf8")).trim().split("\n");
    expect(lines[0]).toMatch(/^accountId,accountName,ou,snapshotId,scannedAt,source,service,controlId,/);
    expect(lines.filter((l) => l.startsWith("111122223333,")).length).toBe(6);
    expect(lines.filter((l) => l.startsWith("777788889999,")).length).toBe(6);

    const results = path.join(dataDir, "payments.json");
    expect((await run(["--org", "--ou", "ou-ab12-payments", "--scope", "results", "--out", results])).code).toBe(0);
    const rows = JSON.parse(await readFile(results, "utf8")) as { accountId: string; resourceArn: string }[];
    expect(new Set(rows.map((r) => r.accountId))).toEqual(new Set(["111122223333"]));
    expect(rows.length).toBeGreaterThan(6);

    const none = await run(["--org", "--ou", "ou-ab12-nothere", "--out", file]);
    expect(none.code).toBe(1);
    expect(none.err).toContain("no account with a stored snapshot sits in organizational unit ou-ab12-nothere");
  });

  it.each([
    [["--org", "--id", "latest", "--out", "x.pdf"], "--id and --org cannot be combined"],
    [["--out", "x.pdf"], "--id ID or --org is required"],
    [["--id", "latest", "--ou", "ou-ab12-payments", "--out", "x.csv"], "--ou and --scope apply only with --org"],
    [["--org", "--service", "iam", "--out", "x.pdf"], "--service applies only with --id"],
    [["--org", "--format", "ocsf", "--out", "x.json"], "--org exports pdf, csv, json only"],
    [["--org", "--ou", "payments", "--out", "x.csv"], "--ou must be an organizational unit id"],
    [["--org", "--scope", "everything", "--out", "x.csv"], "--scope must be controls or results"],
    [["--org", "--scope", "results", "--out", "x.pdf"], "--scope applies to csv and json only"],
    [["--org", "--out", "x.pdf", "--verbose"], "Unknown option '--verbose'"],
  ])("exits 2 for %j", async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain("npm run export -- --org [--ou OU]");
  });
});
