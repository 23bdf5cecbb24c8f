import { spawn } from "node:child_process";
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  chmodSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildElastiCacheRegion, buildInventory, replicationGroup, TEST_REGION } from "@/lib/inventory/builders";
import { control as piiInNames } from "@/lib/controls/account/pii-in-names-tags";
import { renderSnapshotJson } from "@/lib/report/json";
import { buildSnapshot } from "@/lib/posture/build-snapshot";
import {
  createInstallationKey,
  INSTALLATION_KEY_FILE,
  installationKey,
  readOrCreateInstallationKey,
} from "./installation-key";

const directories: string[] = [];

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "safekeep-key-"));
  directories.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
});

const inventory = buildInventory({
  services: ["account", "elasticache"],
  elasticache: {
    regions: [
      buildElastiCacheRegion({ replicationGroups: [replicationGroup({ description: "Owner SSN 536-22-8174" })] }),
    ],
  },
  accountWide: { scanner: { useFipsEndpoint: false, homeRegion: TEST_REGION } },
});

/** The evidence hashes of the exported JSON, as anyone holding the export would read them. */
function exportedHashes(hashKey?: Uint8Array): string[] {
  const snapshot = buildSnapshot(inventory, [piiInNames], {
    id: "key-test",
    now: new Date("2026-06-01T00:00:00Z"),
    hashKey,
  });
  const exported = JSON.parse(renderSnapshotJson(snapshot)) as {
    controls: { results: { evidence: { hash?: string[] } }[] }[];
  };
  return exported.controls.flatMap((c) => c.results.flatMap((r) => r.evidence.hash ?? []));
}

describe("installation key", () => {
  it("is created on first use: 32 random bytes, mode 0600, in a data directory it creates", () => {
    const dir = path.join(dataDir(), "nested", "data");
    const key = readOrCreateInstallationKey(dir);
    const file = path.join(dir, INSTALLATION_KEY_FILE);
    expect(key).toHaveLength(32);
    expect(readFileSync(file).equals(key)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(key.equals(Buffer.alloc(32))).toBe(false);
    // Nothing else is left behind (the temporary file the key was written to first is gone).
    expect(readdirSync(dir)).toEqual([INSTALLATION_KEY_FILE]);
  });

  it("is reused across restarts and never rewritten", () => {
    const dir = dataDir();
    const first = readOrCreateInstallationKey(dir);
    const modified = statSync(path.join(dir, INSTALLATION_KEY_FILE)).mtimeMs;
    // A restart: the file is read again, not recreated.
    const second = readOrCreateInstallationKey(dir);
    expect(second.equals(first)).toBe(true);
    expect(statSync(path.join(dir, INSTALLATION_KEY_FILE)).mtimeMs).toBe(modified);
    expect(installationKey(dir).equals(first)).toBe(true);
  });

  it("gives each installation its own key", () => {
    expect(readOrCreateInstallationKey(dataDir()).equals(readOrCreateInstallationKey(dataDir()))).toBe(false);
  });

  it("keeps the key that is already there when a second process loses the race to create it", () => {
    const dir = dataDir();
    const winner = readOrCreateInstallationKey(dir);
    // The loser generated its own key before seeing the file: it must adopt the winner's.
    const loser = createInstallationKey(dir);
    expect(loser.equals(winner)).toBe(true);
    expect(readFileSync(path.join(dir, INSTALLATION_KEY_FILE)).equals(winner)).toBe(true);
    expect(readdirSync(dir)).toEqual([INSTALLATION_KEY_FILE]);
  });

  it("agrees across processes racing on a fresh data directory", async () => {
    const dir = dataDir();
    const go = path.join(dir, "..", `${path.basename(dir)}.go`);
    directories.push(go);
    const moduleUrl = new URL("./installation-key.ts", import.meta.url).href;
    // Each process loads the module, says it is ready, then waits for the same start signal.
    const script = `
      const fs = require("node:fs");
      import(${JSON.stringify(moduleUrl)}).then((m) => {
        process.stdout.write("ready\\n");
        while (!fs.existsSync(${JSON.stringify(go)})) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        process.stdout.write(m.readOrCreateInstallationKey(${JSON.stringify(dir)}).toString("hex") + "\\n");
      });`;
    const children = Array.from({ length: 3 }, () =>
      spawn(process.execPath, ["--import", "tsx", "-e", script], { stdio: ["ignore", "pipe", "inherit"] }),
    );
    const outputs = children.map(
      (child) =>
        new Promise<string[]>((resolve, reject) => {
          let out = "";
          let announced = false;
          child.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            if (!announced && out.includes("ready\n")) {
              announced = true;
              ready();
            }
          });
          child.on("error", reject);
          child.on("close", (code) =>
            code === 0 ? resolve(out.split("\n").filter(Boolean)) : reject(new Error(`exit ${code}`)),
          );
        }),
    );
    let readyCount = 0;
    function ready() {
      readyCount += 1;
      if (readyCount === children.length) writeFileSync(go, "");
    }
    const keys = (await Promise.all(outputs)).map((lines) => lines[1]);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(keys).size).toBe(1);
    expect(readFileSync(path.join(dir, INSTALLATION_KEY_FILE)).toString("hex")).toBe(keys[0]);
    expect(readdirSync(dir)).toEqual([INSTALLATION_KEY_FILE]);
  }, 60_000);

  it("tightens a key file whose permissions were loosened", () => {
    const dir = dataDir();
    readOrCreateInstallationKey(dir);
    const file = path.join(dir, INSTALLATION_KEY_FILE);
    chmodSync(file, 0o644);
    readOrCreateInstallationKey(dir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses a file that is not a key, and a symbolic link, without showing what it holds", () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, INSTALLATION_KEY_FILE), "s3cr3t-not-a-key-but-too-long-for-one-really");
    expect(() => readOrCreateInstallationKey(dir)).toThrow(/not a Safekeep installation key/);
    try {
      readOrCreateInstallationKey(dir);
    } catch (error) {
      expect((error as Error).message).not.toContain("s3cr3t");
    }
    const linked = dataDir();
    symlinkSync(path.join(dir, INSTALLATION_KEY_FILE), path.join(linked, INSTALLATION_KEY_FILE));
    expect(() => readOrCreateInstallationKey(linked)).toThrow(/symbolic link/);
  });
});

describe("finding hashes in exports", () => {
  it("differ between two installations exporting the same account", () => {
    const [a, b] = [
      exportedHashes(readOrCreateInstallationKey(dataDir())),
      exportedHashes(readOrCreateInstallationKey(dataDir())),
    ];
    expect(a).toHaveLength(1);
    expect(a[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toHaveLength(1);
    expect(a).not.toEqual(b);
  });

  it("match across scans of one installation, including after a restart", () => {
    const dir = dataDir();
    const before = exportedHashes(readOrCreateInstallationKey(dir));
    expect(exportedHashes(readOrCreateInstallationKey(dir))).toEqual(before);
  });

  it("are left out entirely without a key, never computed unkeyed", () => {
    expect(exportedHashes()).toEqual([]);
  });

  it("never carry the key itself", () => {
    const dir = dataDir();
    const key = readOrCreateInstallationKey(dir);
    const snapshot = buildSnapshot(inventory, [piiInNames], {
      id: "key-test",
      now: new Date("2026-06-01T00:00:00Z"),
      hashKey: key,
    });
    const exported = renderSnapshotJson(snapshot);
    for (const encoding of ["hex", "base64", "base64url"] as const) {
      expect(exported).not.toContain(key.toString(encoding));
    }
  });
});
