import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { FileSnapshotStore, newSnapshotId } from "./store";

async function freshStore() {
  const dir = await mkdtemp(path.join(tmpdir(), "safekeep-store-"));
  return { dir, store: new FileSnapshotStore(dir) };
}

describe("FileSnapshotStore", () => {
  it("stores, lists newest first and reads back", async () => {
    const { store } = await freshStore();
    const older = { ...demoSnapshot(), id: "older", finishedAt: "2026-11-01T00:00:00.000Z" };
    const newer = { ...demoSnapshot(), id: "newer", finishedAt: "2026-11-02T00:00:00.000Z" };
    await store.put(older);
    await store.put(newer);
    expect((await store.list()).map((s) => s.id)).toEqual(["newer", "older"]);
    expect((await store.get("older"))?.finishedAt).toBe(older.finishedAt);
  });

  it("refuses an invalid snapshot and leaves nothing behind", async () => {
    const { dir, store } = await freshStore();
    await expect(store.put({ ...demoSnapshot(), id: "bad", schemaVersion: 2 as 1 })).rejects.toThrow();
    expect(await store.list()).toEqual([]);
    await expect(readdir(path.join(dir, "snapshots"))).rejects.toThrow();
  });

  it("skips corrupt files instead of rendering half a snapshot", async () => {
    const { dir, store } = await freshStore();
    await store.put({ ...demoSnapshot(), id: "good" });
    await writeFile(path.join(dir, "snapshots", "broken.json"), '{"schemaVersion":1,"id":"broken"');
    await writeFile(path.join(dir, "snapshots", "wrong.json"), JSON.stringify({ schemaVersion: 1, id: "wrong" }));
    expect((await store.list()).map((s) => s.id)).toEqual(["good"]);
    expect(await store.get("broken")).toBeUndefined();
  });

  it("never reads outside its folder", async () => {
    const { store } = await freshStore();
    expect(await store.get("../../etc/passwd")).toBeUndefined();
  });

  it("makes sortable, path-safe ids", () => {
    const id = newSnapshotId(new Date("2026-11-24T10:15:30.123Z"), () => 0.5);
    expect(id).toMatch(/^20261124T101530Z-[a-z0-9]{4}$/);
  });
});
