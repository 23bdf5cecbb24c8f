import { env } from "@/lib/env";
import { storeThenNotify } from "@/lib/notify/server";
import { openSnapshotStore } from "@/lib/snapshot/store";
import { ScanRunner } from "./runner";

const KEY = Symbol.for("safekeep.scanRunner");

/**
 * The server's one scan runner. Kept on globalThis because Next may load route modules more than
 * once; a second runner would allow two scans at a time and lose progress.
 */
export function scanRunner(): ScanRunner {
  const holder = globalThis as unknown as Record<symbol, ScanRunner | undefined>;
  // Each stored snapshot is then compared and notified (lib/notify), never holding up or failing the scan.
  holder[KEY] ??= new ScanRunner(storeThenNotify(openSnapshotStore(env().dataDir)), async (options) => {
    const { scanAws } = await import("./scan-aws");
    return scanAws(options);
  });
  return holder[KEY];
}
