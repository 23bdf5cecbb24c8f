import { describe, expect, it, vi } from "vitest";
import { demoInventory } from "@/lib/demo/inventory";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import { CannotStartError, ScanCancelledError } from "./errors";
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
    expect(runner.status(id)?.steps).toEqual([
      {
        step: "elasticache",
        name: "Amazon ElastiCache · clusters, replication groups and users",
        region: "us-east-1",
        state: "finished",
      },
    ]);
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

  it("adds up a step's count over its rounds, in people's words", async () => {
    const gate = deferred<typeof demoInventory>();
    let options: ScanOptions | undefined;
    const runner = new ScanRunner(new SqliteSnapshotStore(":memory:"), (o) => {
      options = o;
      return gate.promise;
    });
    const id = runner.start({ services: ["account"] });
    options?.onProgress?.({ step: "s3", state: "started", count: 12 });
    expect(runner.status(id)?.steps[0]).toMatchObject({ name: "Amazon S3 · reading 12 buckets", count: 12 });
    options?.onProgress?.({ step: "s3", state: "finished", count: 12 });
    // A second round describes the buckets the first round's resources pointed at.
    options?.onProgress?.({ step: "s3", state: "started", count: 3 });
    options?.onProgress?.({ step: "s3", state: "finished", count: 3 });
    expect(runner.status(id)?.steps).toEqual([
      { step: "s3", name: "Amazon S3 · 15 buckets read", state: "finished", count: 15 },
    ]);
    gate.resolve(demoInventory);
    await settled(runner, id);
  });

  it("a cancelled scan stops, ends as cancelled and stores nothing", async () => {
    const store = new SqliteSnapshotStore(":memory:");
    let options: ScanOptions | undefined;
    const runner = new ScanRunner(store, (o) => {
      options = o;
      // As scanAws does: once the signal is aborted, the scan ends with ScanCancelledError.
      const gate = deferred<typeof demoInventory>();
      o.signal?.addEventListener("abort", () => gate.reject(new ScanCancelledError()));
      return gate.promise;
    });
    const seen: string[] = [];
    runner.subscribe((s) => seen.push(`${s.state}${s.cancelling ? " (cancelling)" : ""}`));
    const id = runner.start({ services: ["elasticache"] });
    expect(options?.signal?.aborted).toBe(false);
    expect(runner.cancel("20000101T000000Z-none")).toBe("unknown");

    expect(runner.cancel(id)).toBe("cancelling");
    expect(options?.signal?.aborted).toBe(true);
    expect(runner.cancel(id)).toBe("already-cancelling");
    const done = await settled(runner, id);
    expect(done).toMatchObject({ state: "cancelled", finishedAt: expect.any(String) });
    expect(done.cancelling).toBeUndefined();
    expect(done.snapshotId).toBeUndefined();
    expect(await store.list()).toEqual([]);
    expect(seen).toEqual(["running", "running (cancelling)", "cancelled"]);
    expect(runner.cancel(id)).toBe("ended");
    // The next scan may start at once, with a switch of its own.
    const next = runner.start({ services: ["iam"] });
    expect(options?.signal?.aborted).toBe(false);
    expect(runner.cancel(next)).toBe("cancelling");
    expect((await settled(runner, next)).state).toBe("cancelled");
  });

  it("drops what a scan collected when it was cancelled during its last step", async () => {
    const store = new SqliteSnapshotStore(":memory:");
    const gate = deferred<typeof demoInventory>();
    const runner = new ScanRunner(store, () => gate.promise);
    const id = runner.start({ services: ["elasticache"] });
    expect(runner.cancel(id)).toBe("cancelling");
    // A scan function that finished its steps anyway (nothing was left to start).
    gate.resolve(demoInventory);
    expect((await settled(runner, id)).state).toBe("cancelled");
    expect(await store.list()).toEqual([]);
  });

  it("cannot cancel a scan that has finished", async () => {
    const store = new SqliteSnapshotStore(":memory:");
    const runner = new ScanRunner(store, async () => demoInventory);
    const id = runner.start({ services: ["elasticache"] });
    expect((await settled(runner, id)).state).toBe("finished");
    expect(runner.cancel(id)).toBe("ended");
    expect((await store.list()).map((s) => s.id)).toEqual([id]);
  });

  it("words a failure to start for the page, without command-line flags", async () => {
    const runner = new ScanRunner(new SqliteSnapshotStore(":memory:"), async () => {
      throw new CannotStartError(
        "no AWS region configured: set AWS_REGION, a region in your profile, or pass --regions",
        "no-region",
      );
    });
    const done = await settled(runner, runner.start({ services: ["iam"] }));
    expect(done.state).toBe("failed");
    expect(done.problem).toMatchObject({ code: "no-region", fix: expect.stringContaining("AWS_REGION") });
    expect(`${done.error} ${done.problem?.fix}`).not.toMatch(/--\w/);
  });

  it("a scan that cannot start stores nothing and says why, without internals", async () => {
    const store = new SqliteSnapshotStore(":memory:");
    const runner = new ScanRunner(store, async () => {
      throw new CannotStartError(
        "no AWS credentials found (profile, SSO, environment or instance role)",
        "no-credentials",
      );
    });
    const done = await settled(runner, runner.start({ services: ["iam"] }));
    expect(done.state).toBe("failed");
    expect(done.error).toBe("The scan could not start: The server found no AWS credentials, so it cannot scan.");
    expect(done.problem?.fix).toContain("policy/safekeep-scanner-policy.json");
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
