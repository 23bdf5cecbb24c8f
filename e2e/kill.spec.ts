/**
 * SIGKILL during a scan, against the real production build: nothing stored is lost or half written,
 * and the server starts and scans again. This is the copy `npm test` always runs (after the build);
 * fake-aws/kill.integration.test.ts is the same check for `vitest` when a build is present.
 *
 * It starts its own server process (its own port and data directory) and its own fake AWS endpoint
 * in this worker, because it must kill the server and switch the endpoint to slow answers.
 */
import { expect, test } from "@playwright/test";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { killDuringScan } from "../fake-aws/kill-scenario";
import { startFakeAws } from "../fake-aws/server";
import { hasStandaloneBuild, STANDALONE_SERVER } from "../fake-aws/server-process";
import { demoInventory } from "../lib/demo/inventory";
import { snapshotSchema } from "../lib/snapshot/schema";

test.describe("the server killed during a scan @critical", () => {
  test("keeps the earlier snapshot whole, stores no half snapshot, and scans again after a restart", async () => {
    test.skip(!hasStandaloneBuild(), `no production build at ${STANDALONE_SERVER}: run "npm run build" first`);
    test.setTimeout(90_000);
    const fake = await startFakeAws({ inventory: { ...demoInventory, errors: [] } });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "safekeep-kill-"));
    try {
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
    } finally {
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
