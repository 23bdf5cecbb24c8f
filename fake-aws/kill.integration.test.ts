/**
 * SIGKILL during a scan, against the real production server: nothing stored is lost or half
 * written, and the server starts and scans again. Needs a production build (`npm run build`);
 * without one it is skipped here, and e2e/kill.spec.ts (which runs after the build in `npm test`)
 * is the copy that always runs.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoInventory } from "@/lib/demo/inventory";
import { snapshotSchema } from "@/lib/snapshot/schema";
import { killDuringScan } from "./kill-scenario";
import { hasStandaloneBuild, STANDALONE_SERVER } from "./server-process";
import { startFakeAws, type FakeAws } from "./server";

let fake: FakeAws;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeAws({ inventory: { ...demoInventory, errors: [] } });
  dataDir = await mkdtemp(path.join(os.tmpdir(), "safekeep-kill-"));
});
afterAll(async () => {
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("the server killed during a scan", { timeout: 90_000 }, () => {
  it("keeps the earlier snapshot whole, stores no half snapshot, and scans again after a restart", async (context) => {
    context.skip(
      !hasStandaloneBuild(),
      `no production build at ${STANDALONE_SERVER}: run "npm run build" first (e2e/kill.spec.ts covers this after the build)`,
    );
    const seen = await killDuringScan(fake, dataDir);

    expect(seen.killedScanBeforeKill.state).toBe("running");
    expect(seen.callsBeforeKill).toBeGreaterThan(1);
    // After the restart: the earlier snapshot byte for byte, no trace of the killed scan.
    const after = seen.afterRestart;
    expect(after.earlier.status).toBe(200);
    expect(after.earlier.text).toBe(seen.earlierBefore);
    expect(snapshotSchema.safeParse(JSON.parse(after.earlier.text)).success).toBe(true);
    expect(after.storedIds).toEqual([seen.earlierSnapshotId]);
    expect(after.latestId).toBe(seen.earlierSnapshotId);
    expect(after.killedSnapshotStatus).toBe(404);
    expect(after.integrity).toBe("ok");
    expect(after.scans.status).toBe(404);
    expect(after.scans.body.state).toBeUndefined();
    // Scanning works again.
    expect(seen.newScan.state).toBe("finished");
    expect(seen.storedIdsAtEnd).toEqual([seen.newScan.snapshotId, seen.earlierSnapshotId]);
  });
});
