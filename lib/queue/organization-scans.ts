/**
 * The server's organization scans, whichever mode it runs in: team mode queues them for the workers
 * (./scan-queue.ts); the embedded mode runs them in the server process, one at a time
 * (lib/scan/org-runner.ts). Both answer with the same status, so the pages do not care which.
 */
import { DEFAULT_ROLE_NAME, DEFAULT_ROLE_SESSION_NAME } from "@/lib/aws/sts/role-names";
import { env } from "@/lib/env";
import { OrganizationScanRunner } from "@/lib/scan/org-runner";
import type { OrganizationScanRequest, OrganizationScanStatus } from "@/lib/scan/org-status";
import { installationKey } from "@/lib/snapshot/installation-key";
import { storeThenNotify } from "@/lib/notify/server";
import { openSnapshotStore } from "@/lib/snapshot/store";
import { newOrgScanId } from "./scan-jobs";
import { ScanQueue } from "./scan-queue";
import { startScheduleTimer } from "./schedules";
import { teamSettings } from "./settings";

export interface OrganizationScans {
  mode: "embedded" | "team";
  start(request: OrganizationScanRequest): Promise<string>;
  status(id: string): Promise<OrganizationScanStatus | undefined>;
  cancel(id: string): Promise<boolean>;
}

function teamScans(redisUrl: string): OrganizationScans {
  const queue = new ScanQueue(redisUrl);
  return {
    mode: "team",
    start: (request) =>
      queue.enqueue({
        selection: request.selection,
        request: { regions: request.regions, services: request.services, pacing: "on" },
        role: { roleName: DEFAULT_ROLE_NAME, roleSessionName: DEFAULT_ROLE_SESSION_NAME },
      }),
    status: (id) => queue.status(id),
    cancel: (id) => queue.cancel(id),
  };
}

function embeddedScans(): OrganizationScans {
  const { dataDir } = env();
  const runner = new OrganizationScanRunner({
    // Scheduled and dashboard-started accounts alike: stored, then notified (lib/notify).
    store: storeThenNotify(openSnapshotStore(dataDir)),
    hashKey: () => installationKey(dataDir),
  });
  return {
    mode: "embedded",
    start: async (request) => runner.start(request, newOrgScanId(new Date())),
    status: async (id) => runner.status(id),
    cancel: async (id) => runner.cancel(id),
  };
}

const KEY = Symbol.for("safekeep.organizationScans");

/** One per server process (kept on globalThis: Next may load route modules more than once). */
export function organizationScans(): OrganizationScans {
  const holder = globalThis as unknown as Record<symbol, OrganizationScans | undefined>;
  if (!holder[KEY]) {
    const settings = teamSettings();
    holder[KEY] = settings ? teamScans(settings.redisUrl) : embeddedScans();
  }
  return holder[KEY];
}

const TIMER_KEY = Symbol.for("safekeep.scheduleTimer");

/**
 * The embedded server ticks its schedules itself (once per process); in team mode the workers do,
 * so the dashboard starts nothing.
 */
export function startEmbeddedSchedules(): void {
  if (teamSettings()) return;
  const holder = globalThis as unknown as Record<symbol, (() => void) | undefined>;
  if (holder[TIMER_KEY]) return;
  const scans = organizationScans();
  holder[TIMER_KEY] = startScheduleTimer(openSnapshotStore(env().dataDir), (request) => scans.start(request));
}
