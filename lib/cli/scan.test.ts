import { mkdtemp, readFile, readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { snapshotSchema } from "@/lib/snapshot/schema";

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-cli-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
});

async function run(argv: string[]) {
  const { main } = await import("./scan");
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (m: string) => out.push(m), err: (m: string) => err.push(m) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run scan", () => {
  it("--demo stores a snapshot, prints a summary and writes valid JSON", async () => {
    const file = path.join(dataDir, "out.json");
    const { code, out } = await run(["--demo", "--out", file]);
    expect(code).toBe(0);
    expect(out).toMatch(/Amazon ElastiCache\s+\d+\/100/);
    expect(out).toMatch(/Amazon Cognito\s+\d+\/100/);
    expect(out).toContain("Denied IAM actions: elasticache:DescribeServerlessCacheSnapshots");
    const written = snapshotSchema.parse(JSON.parse(await readFile(file, "utf8")));
    expect(written.source).toBe("demo");
    const { openSnapshotStore } = await import("@/lib/snapshot/store");
    expect((await openSnapshotStore(dataDir).list()).map((s) => s.id)).toEqual([written.id]);
  });

  it("--demo stores the time it was stored, still marked demo, so two demo snapshots never share a time", async () => {
    const before = Date.now();
    const first = path.join(dataDir, "first.json");
    const second = path.join(dataDir, "second.json");
    expect((await run(["--demo", "--out", first])).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await run(["--demo", "--out", second])).code).toBe(0);
    const [a, b] = await Promise.all([first, second].map(async (f) => JSON.parse(await readFile(f, "utf8"))));
    expect(a.source).toBe("demo");
    expect(Date.parse(a.finishedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(b.finishedAt)).toBeGreaterThan(Date.parse(a.finishedAt));
    expect(Date.parse(b.finishedAt)).toBeLessThanOrEqual(Date.now());
  });

  it("keys the personal-data hashes with this installation's key, kept 0600 in the data directory", async () => {
    const file = path.join(dataDir, "keyed.json");
    expect((await run(["--demo", "--out", file])).code).toBe(0);
    const key = await readFile(path.join(dataDir, "installation.key"));
    expect(key).toHaveLength(32);
    expect((await stat(path.join(dataDir, "installation.key"))).mode & 0o777).toBe(0o600);
    const exported = await readFile(file, "utf8");
    const pii = snapshotSchema.parse(JSON.parse(exported)).controls.find((c) => c.id === "xc.pii-in-names-tags");
    const hashes = pii?.results.flatMap((r) => (r.evidence.hash as string[] | undefined) ?? []) ?? [];
    expect(hashes.length).toBeGreaterThan(0);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(exported).not.toContain(key.toString("hex"));
    expect(exported).not.toContain(key.toString("base64"));
  });

  it("--services limits what is evaluated", async () => {
    const file = path.join(dataDir, "iam-only.json");
    expect((await run(["--demo", "--services", "elasticache", "--out", file])).code).toBe(0);
    const written = snapshotSchema.parse(JSON.parse(await readFile(file, "utf8")));
    expect(written.controls.length).toBeGreaterThan(0);
    expect(written.controls.every((c) => c.service === "elasticache")).toBe(true);
    expect(written.services.find((s) => s.id === "cognito")?.evaluated).toBe(false);
  });

  it("exits 2 with usage on bad arguments, storing nothing", async () => {
    const { code, err } = await run(["--regions", "nowhere"]);
    expect(code).toBe(2);
    expect(err).toContain("Usage: npm run scan");
    await expect(readdir(dataDir)).resolves.toEqual([]);
  });

  it.each([
    ["pdf", "%PDF-"],
    ["csv", "snapshotId,service,controlId"],
    ["ocsf", "["],
  ])("writes --format %s", { timeout: 60_000 }, async (format, start) => {
    const file = path.join(dataDir, `out.${format}`);
    expect((await run(["--demo", "--format", format, "--out", file])).code).toBe(0);
    expect((await readFile(file)).subarray(0, start.length).toString()).toBe(start);
  });
});
