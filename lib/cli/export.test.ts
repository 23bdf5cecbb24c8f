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
  const code = await main(argv, { out: () => undefined, err: (m: string) => err.push(m) });
  return { code, err: err.join("\n") };
}

describe("npm run export", () => {
  it("exports a stored snapshot by id, and latest", async () => {
    const { main: scan } = await import("./scan");
    await scan(["--demo"], { out: () => undefined, err: () => undefined });
    const file = path.join(dataDir, "latest.csv");
    expect((await run(["--id", "latest", "--out", file])).code).toBe(0);
    expect((await readFile(file, "utf8")).split("\n")[0]).toContain("resourceArn");
  });

  it("exits 1 for an unknown snapshot and 2 for bad arguments", async () => {
    expect((await run(["--id", "nope", "--out", path.join(dataDir, "x.json")])).code).toBe(1);
    expect((await run(["--id", "../etc", "--out", "x"])).code).toBe(2);
    expect((await run(["--id", "demo"])).err).toContain("--out FILE is required");
  });
});
