/**
 * Runs scans inside the server, one at a time, and keeps their progress for the page that started
 * them. A scan's snapshot is stored only when the whole scan has finished, in one write. A scan
 * cancelled while it collects sends no further call and stores nothing: a partial snapshot
 * would show everything it did not reach as gone, and so as fixed.
 */
import { EventEmitter } from "node:events";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { ServiceId } from "@/lib/inventory";
import { installationKey } from "@/lib/snapshot/installation-key";
import { newSnapshotId, type SnapshotStore } from "@/lib/snapshot/store";
import { CannotStartError, ScanCancelledError } from "./errors";
import { runScanPipeline } from "./pipeline";
import type { ScanOptions, ScanProgress } from "./scan-aws";
import { startProblem, type StartProblem } from "./start-problems";
import { stepName } from "./step-names";

export interface ScanRequest {
  regions?: "all" | string[];
  services: ServiceId[];
}

export interface StepState {
  step: string;
  /** The step in people's words, with its count when known (./step-names.ts). */
  name: string;
  region?: string;
  state: "started" | "finished";
  /** How many things the step reads, over all its rounds. */
  count?: number;
}

export interface ScanStatus {
  id: string;
  state: "running" | "finished" | "failed" | "cancelled";
  /** Set while a cancelled scan waits for the steps already running to end. */
  cancelling?: boolean;
  request: ScanRequest;
  startedAt: string;
  finishedAt?: string;
  steps: StepState[];
  snapshotId?: string;
  /** A message safe to show: never a stack trace or a secret. */
  error?: string;
  /** Why the scan could not start, in words for the page, with the fix. */
  problem?: StartProblem;
}

/** What asking to cancel did: `unknown` (no such scan), `ended` (it is no longer collecting). */
export type CancelOutcome = "cancelling" | "already-cancelling" | "ended" | "unknown";

export class ScanBusyError extends Error {
  override name = "ScanBusyError";
  constructor(readonly runningId: string) {
    super("A scan is already running; wait for it to finish.");
  }
}

type ScanFunction = (options: ScanOptions) => Promise<import("@/lib/inventory").Inventory>;

export class ScanRunner {
  private current: ScanStatus | undefined;
  /** The current scan's cancel switch, while it collects; gone once it stores or has ended. */
  private collecting: AbortController | undefined;
  private readonly events = new EventEmitter();

  constructor(
    /** Where the snapshot goes (the server stores, then notifies: lib/notify/server.ts). */
    private readonly store: Pick<SnapshotStore, "put">,
    private readonly scan: ScanFunction,
    private readonly now: () => Date = () => new Date(),
    /** The installation key for finding hashes; read when a snapshot is built, not at start-up. */
    private readonly hashKey: () => Uint8Array = () => installationKey(env().dataDir),
  ) {
    this.events.setMaxListeners(100);
  }

  status(id?: string): ScanStatus | undefined {
    if (!this.current || (id !== undefined && this.current.id !== id)) return undefined;
    return structuredClone(this.current);
  }

  /** Subscribes to changes of the current scan; returns the unsubscribe function. */
  subscribe(listener: (status: ScanStatus) => void): () => void {
    this.events.on("change", listener);
    return () => this.events.off("change", listener);
  }

  /** Starts a scan unless one is running; resolves with its id at once, not when it ends. */
  start(request: ScanRequest): string {
    if (this.current?.state === "running") throw new ScanBusyError(this.current.id);
    const started = this.now();
    const id = newSnapshotId(started);
    this.current = { id, state: "running", request, startedAt: started.toISOString(), steps: [] };
    this.collecting = new AbortController();
    this.emit();
    void this.run(this.current);
    return id;
  }

  /**
   * Cancels scan `id` while it collects: no step starts any more, the running ones end, then the scan
   * ends as `cancelled` with nothing stored. Once collecting is over the snapshot is being stored
   * (one write) and the scan can no longer be cancelled.
   */
  cancel(id: string): CancelOutcome {
    const status = this.current;
    if (!status || status.id !== id) return "unknown";
    if (status.state !== "running" || !this.collecting) return "ended";
    if (this.collecting.signal.aborted) return "already-cancelling";
    this.collecting.abort();
    status.cancelling = true;
    this.emit();
    return "cancelling";
  }

  private emit() {
    if (this.current) this.events.emit("change", structuredClone(this.current));
  }

  private onProgress(status: ScanStatus, event: ScanProgress) {
    const existing = status.steps.find((s) => s.step === event.step && s.region === event.region);
    // A step that runs again (a further storage round) adds what it reads to what it read before.
    let count = existing?.count;
    if (event.count !== undefined && event.state === "started") {
      count = existing?.state === "finished" ? (existing.count ?? 0) + event.count : event.count;
    } else if (event.count !== undefined) {
      count ??= event.count;
    }
    const next: StepState = {
      step: event.step,
      name: stepName({ step: event.step, state: event.state, count }),
      ...(event.region === undefined ? {} : { region: event.region }),
      state: event.state,
      ...(count === undefined ? {} : { count }),
    };
    if (existing) Object.assign(existing, next);
    else status.steps.push(next);
    this.emit();
  }

  private async run(status: ScanStatus) {
    const signal = this.collecting!.signal;
    try {
      const { snapshot } = await runScanPipeline(
        async () => {
          const inventory = await this.scan({
            regions: status.request.regions,
            services: status.request.services,
            now: this.now,
            onProgress: (event) => this.onProgress(status, event),
            signal,
          });
          // Cancelled while the last steps ran: what was collected is dropped, never stored.
          if (signal.aborted) throw new ScanCancelledError();
          this.collecting = undefined;
          return inventory;
        },
        { id: status.id, now: this.now, hashKey: this.hashKey(), store: this.store },
      );
      status.state = "finished";
      status.snapshotId = snapshot.id;
    } catch (error) {
      if (signal.aborted && !(error instanceof CannotStartError)) {
        status.state = "cancelled";
        if (!(error instanceof ScanCancelledError)) log.error("scan.failed", { scanId: status.id, error });
      } else if (error instanceof CannotStartError) {
        status.state = "failed";
        status.problem = startProblem(error.code, error.message);
        status.error = `The scan could not start: ${status.problem.message}`;
      } else {
        status.state = "failed";
        status.error = "The scan failed unexpectedly; earlier snapshots are unchanged.";
        log.error("scan.failed", { scanId: status.id, error });
      }
    } finally {
      this.collecting = undefined;
      delete status.cancelling;
      status.finishedAt = this.now().toISOString();
      this.emit();
    }
  }
}
