/**
 * Runs scans inside the server, one at a time, and keeps their progress for the page that started
 * them. A scan's snapshot is stored only when the whole scan has finished, in one write.
 */
import { EventEmitter } from "node:events";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { ServiceId } from "@/lib/inventory";
import { installationKey } from "@/lib/snapshot/installation-key";
import { newSnapshotId, type SnapshotStore } from "@/lib/snapshot/store";
import { CannotStartError } from "./errors";
import { runScanPipeline } from "./pipeline";
import type { ScanOptions, ScanProgress } from "./scan-aws";

export interface ScanRequest {
  regions?: "all" | string[];
  services: ServiceId[];
}

export interface StepState {
  step: string;
  region?: string;
  state: "started" | "finished";
}

export interface ScanStatus {
  id: string;
  state: "running" | "finished" | "failed";
  request: ScanRequest;
  startedAt: string;
  finishedAt?: string;
  steps: StepState[];
  snapshotId?: string;
  /** A message safe to show: never a stack trace or a secret. */
  error?: string;
}

export class ScanBusyError extends Error {
  override name = "ScanBusyError";
  constructor(readonly runningId: string) {
    super("A scan is already running; wait for it to finish.");
  }
}

type ScanFunction = (options: ScanOptions) => Promise<import("@/lib/inventory").Inventory>;

export class ScanRunner {
  private current: ScanStatus | undefined;
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
    this.emit();
    void this.run(this.current);
    return id;
  }

  private emit() {
    if (this.current) this.events.emit("change", structuredClone(this.current));
  }

  private onProgress(status: ScanStatus, event: ScanProgress) {
    const existing = status.steps.find((s) => s.step === event.step && s.region === event.region);
    if (existing) existing.state = event.state;
    else status.steps.push({ step: event.step, region: event.region, state: event.state });
    this.emit();
  }

  private async run(status: ScanStatus) {
    try {
      const { snapshot } = await runScanPipeline(
        () =>
          this.scan({
            regions: status.request.regions,
            services: status.request.services,
            now: this.now,
            onProgress: (event) => this.onProgress(status, event),
          }),
        { id: status.id, now: this.now, hashKey: this.hashKey(), store: this.store },
      );
      status.state = "finished";
      status.snapshotId = snapshot.id;
    } catch (error) {
      status.state = "failed";
      status.error =
        error instanceof CannotStartError
          ? `The scan could not start: ${error.message}.`
          : "The scan failed unexpectedly; earlier snapshots are unchanged.";
      if (!(error instanceof CannotStartError)) log.error("scan.failed", { scanId: status.id, error });
    } finally {
      status.finishedAt = this.now().toISOString();
      this.emit();
    }
  }
}
