import { describe, expect, it, vi } from "vitest";
import { demoInventory } from "@/lib/demo/inventory";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import { CannotStartError } from "./errors";
import { ScanBusyError, ScanRunner, type ScanStatus } from "./runner";
import type { ScanOptions } from "./scan-aws";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function settled(runner: ScanRunner, id: string): Promise<ScanStatus> {
  for (let i = 0; i < 100 && runner.status(id)?.state === "running"; i++) await new Promise((r) => setTimeout(r, 5));
  return runner.status(id)!;
}

describe("ScanRunner", () => {
  it("runs one scan at a time, reports progress and stores the snapshot at the end", async () => {
    const store = new SqliteSnapshotStore(":memory:");
    const gate = deferred<typeof demoInventory>();
    let options: ScanOptions | undefined;
    const runner = new ScanRunner(store, (o) => {
      options = o;
      return gate.promise;
    });
    const seen: string[] = [];
    runner.subscribe((s) => seen.push(`${s.state}:${s.steps.length}`));

    const id = runner.start({ services: ["elasticache"] });
    expect(() => runner.start({ services: ["iam"] })).toThrow(ScanBusyError);
    options?.onProgress?.({ step: "elasticache", region: "us-east-1", state: "started" });
    options?.onProgress?.({ step: "elasticache", region: "us-east-1", state: "finished" });
    expect(runner.status(id)?.steps).toEqual([{ step: "elasticache", region: "us-east-1", state: "finished" }]);
    expect(await store.list()).toEqual([]);

    gate.resolve(demoInventory);
    const done = await settled(runner, id);
    expect(done).toMatchObject({ state: "finished", snapshotId: id });
    expect((await store.list()).map((s) => s.id)).toEqual([id]);
    expect(seen.at(-1)).toBe("finished:1");
    expect(() => runner.start({ services: ["iam"] })).not.toThrow();
  });

  it("keys personal-data hashes with the installation key it is given", async () => {
    const store = new SqliteSnapshotStore(":memory:");
    const hashesWith = async (key: Buffer) => {
      const runner = new ScanRunner(
        store,
        async () => demoInventory,
        undefined,
        () => key,
      );
      const done = await settled(runner, runner.start({ services: ["elasticache"] }));
      const snapshot = await store.get(done.snapshotId!);
      const pii = snapshot?.controls.find((c) => c.id === "xc.pii-in-names-tags");
      return pii?.results.flatMap((r) => (r.evidence.hash as string[] | undefined) ?? []) ?? [];
    };
    const first = await hashesWith(Buffer.alloc(32, 9));
    expect(first.length).toBeGreaterThan(0);
    expect(await hashesWith(Buffer.alloc(32, 10))).not.toEqual(first);
  });

  it("a scan that cannot start stores nothing and says why, without internals", async () => {
    const store = new SqliteSnapshotStore(":memory:");
    const runner = new ScanRunner(store, async () => {
      throw new CannotStartError("no AWS credentials found (profile, SSO, environment or instance role)");
    });
    const done = await settled(runner, runner.start({ services: ["iam"] }));
    expect(done.state).toBe("failed");
    expect(done.error).toContain("no AWS credentials found");
    expect(await store.list()).toEqual([]);
  });

  it("an unexpected failure is reported generically", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const runner = new ScanRunner(new SqliteSnapshotStore(":memory:"), async () => {
        throw new TypeError("secret-ish internal detail for AKIAIOSFODNN7EXAMPLE");
      });
      const id = runner.start({ services: ["iam"] });
      const done = await settled(runner, id);
      expect(done.error).not.toContain("secret-ish");
      // The operator gets the details as one structured, redacted log line.
      const line = String(stderr.mock.calls[0]![0]);
      expect(JSON.parse(line)).toMatchObject({ level: "error", event: "scan.failed", fields: { scanId: id } });
      expect(line).toContain("secret-ish internal detail");
      expect(line).not.toContain("AKIAIOSFODNN7EXAMPLE");
    } finally {
      stderr.mockRestore();
    }
  });
});
