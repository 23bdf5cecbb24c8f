/**
 * `npm run scan`: collect → evaluate → score → store, then a summary and, with --out, a file.
 * Exit 0: the scan finished (findings or not); 1: it could not start; 2: bad arguments.
 */
import { writeFile } from "node:fs/promises";
import { demoInventory } from "@/lib/demo/inventory";
import { env } from "@/lib/env";
import type { Inventory } from "@/lib/inventory";
import { exportSnapshot } from "@/lib/report/export";
import { runScanPipeline } from "@/lib/scan/pipeline";
import type { Snapshot } from "@/lib/snapshot/schema";
import { installationKey } from "@/lib/snapshot/installation-key";
import { CannotStartError } from "@/lib/scan/errors";
import type { ScanProgress } from "@/lib/scan/scan-aws";
import { newSnapshotId, openSnapshotStore } from "@/lib/snapshot/store";
import { ArgumentError, parseScanArgs, USAGE, type ScanArgs } from "./args";
import { formatSummary } from "./summary";
import { runWhenStarted } from "./run-command";

export const EXIT = { ok: 0, cannotStart: 1, badArguments: 2 } as const;

/** One line per finished step on stderr, so stdout keeps only the summary (and pipes stay clean). */
export function progressPrinter(write: (line: string) => void) {
  let started = 0;
  let finished = 0;
  return (event: ScanProgress) => {
    if (event.state === "started") started += 1;
    else {
      finished += 1;
      write(`  ✓ ${event.step}${event.region ? ` ${event.region}` : ""} (${finished}/${started})`);
    }
  };
}

async function collect(args: ScanArgs, progress: (line: string) => void): Promise<Inventory> {
  if (args.demo) {
    return { ...demoInventory, services: demoInventory.services.filter((s) => args.services.includes(s)) };
  }
  const { scanAws } = await import("@/lib/scan/scan-aws");
  progress("Scanning…");
  return scanAws({ regions: args.regions, services: args.services, onProgress: progressPrinter(progress) });
}

export async function main(argv: string[], io = { out: console.log, err: console.error }): Promise<number> {
  let args: ScanArgs;
  try {
    args = parseScanArgs(argv);
  } catch (error) {
    if (error instanceof ArgumentError) {
      io.err(`safekeep scan: ${error.message}\n\n${USAGE}`);
      return EXIT.badArguments;
    }
    throw error;
  }
  if (args.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const { dataDir } = env();
  let snapshot: Snapshot;
  try {
    ({ snapshot } = await runScanPipeline(() => collect(args, io.err), {
      id: newSnapshotId(new Date()),
      now: () => new Date(),
      hashKey: installationKey(dataDir),
      store: openSnapshotStore(dataDir),
    }));
  } catch (error) {
    if (error instanceof CannotStartError) {
      io.err(`safekeep scan: cannot start: ${(error as Error).message}`);
      return EXIT.cannotStart;
    }
    throw error;
  }
  io.out(formatSummary(snapshot));
  if (args.out) {
    const file = await exportSnapshot(snapshot, { format: args.format, scope: "snapshot" });
    await writeFile(args.out, file.body);
    io.out(`Wrote ${args.format.toUpperCase()} to ${args.out}`);
  }
  return EXIT.ok;
}

// Run only when executed directly (tests import `main`).
runWhenStarted("scan", main);
