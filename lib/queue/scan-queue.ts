/**
 * The producer's side of team mode (the CLI and the dashboard): add an organization scan, read its
 * progress per account, cancel it. The organization job is the scan's record while it runs: its data
 * holds the accounts it listed, its children's states are each account's progress, and its result is
 * every account's outcome. Calls fail fast when Redis is unreachable (no offline queue), so a caller
 * can say the queue is unavailable instead of hanging.
 */
import { Queue, type Job } from "bullmq";
import { Redis } from "ioredis";
import {
  statusOfOutcome,
  type AccountProgress,
  type AccountStatus,
  type OrganizationScanStatus,
} from "@/lib/scan/org-status";
import { cancelFlags } from "./coordination";
import {
  accountJobId,
  JOB_NAMES,
  newOrgScanId,
  organizationJobSchema,
  KEEP_FOR,
  QUEUE_NAME,
  type OrganizationJobData,
  type OrganizationResult,
  type QueuedAccountOutcome,
  type ScanRequest,
} from "./scan-jobs";

export type { AccountProgress, AccountStatus, OrganizationScanStatus };

export interface EnqueueRequest {
  selection: OrganizationJobData["selection"];
  request: ScanRequest;
  role: OrganizationJobData["role"];
}

/** Organization jobs are kept for a month after they end: they are the record of the scan. */
const ORGANIZATION_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: "exponential" as const, delay: 2_000 },
  removeOnComplete: KEEP_FOR,
  removeOnFail: KEEP_FOR,
};

/** Adds an organization scan's job to `queue`; its id. */
export async function addOrganizationScan(queue: Queue, request: EnqueueRequest, now = new Date()): Promise<string> {
  const orgScanId = newOrgScanId(now);
  const data: OrganizationJobData = organizationJobSchema.parse({
    orgScanId,
    selection: request.selection,
    request: request.request,
    role: request.role,
    requestedAt: now.toISOString(),
  });
  await queue.add(JOB_NAMES.organization, data, { ...ORGANIZATION_JOB_OPTIONS, jobId: orgScanId });
  return orgScanId;
}

function progressOf(state: string): AccountProgress {
  if (state === "completed") return "done";
  if (state === "failed") return "failed";
  if (state === "active" || state === "waiting-children") return "running";
  return "queued";
}

export class ScanQueue {
  private readonly queue: Queue;
  private readonly redis: Redis;

  constructor(redisUrl: string) {
    const connection = { url: redisUrl, enableOfflineQueue: false, maxRetriesPerRequest: 1 };
    this.queue = new Queue(QUEUE_NAME, { connection });
    this.redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    // Errors surface on the calls; the connection's own error events would otherwise crash the process.
    this.redis.on("error", () => undefined);
    this.queue.on("error", () => undefined);
  }

  /** Adds an organization scan; resolves with its id once the job is in the queue. */
  enqueue(request: EnqueueRequest, now = new Date()): Promise<string> {
    return addOrganizationScan(this.queue, request, now);
  }

  /** The scan's state and each account's progress; undefined for an unknown (or expired) scan. */
  async status(orgScanId: string): Promise<OrganizationScanStatus | undefined> {
    const job = await this.queue.getJob(orgScanId);
    if (!job || job.name !== JOB_NAMES.organization) return undefined;
    const data = organizationJobSchema.parse(job.data);
    const state = await job.getState();
    const cancelled = await cancelFlags(this.redis).isSet(orgScanId);
    const base = {
      orgScanId,
      requestedAt: data.requestedAt,
      cancelled,
      warnings: data.warnings ?? [],
      ...(data.organizationId ? { organizationId: data.organizationId } : {}),
    };
    if (state === "completed") {
      const result = job.returnvalue as OrganizationResult;
      return {
        ...base,
        state: "finished",
        accounts: result.outcomes.map(statusOfOutcome),
      };
    }
    if (state === "failed") return { ...base, state: "failed", accounts: [], reason: job.failedReason };
    if (data.step === "start") return { ...base, state: state === "active" ? "listing" : "queued", accounts: [] };
    const accounts = await Promise.all(
      (data.accounts ?? []).map(async (target) => {
        const child: Job | undefined = await this.queue.getJob(accountJobId(orgScanId, target.accountId));
        const childState = child ? await child.getState() : "unknown";
        const progress = progressOf(childState);
        const returned = progress === "done" ? (child?.returnvalue as QueuedAccountOutcome | undefined) : undefined;
        if (returned) return statusOfOutcome(returned);
        return { ...target, progress, ...(progress === "failed" ? { reason: child?.failedReason } : {}) };
      }),
    );
    const skipped = (data.skipped ?? []).map(statusOfOutcome);
    return { ...base, state: "running", accounts: [...accounts, ...skipped] };
  }

  /** Asks every job of the scan to stop; accounts already stored stay. False for an unknown scan. */
  async cancel(orgScanId: string): Promise<boolean> {
    const job = await this.queue.getJob(orgScanId);
    if (!job || job.name !== JOB_NAMES.organization) return false;
    await cancelFlags(this.redis).set(orgScanId);
    return true;
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.redis.disconnect();
  }
}
