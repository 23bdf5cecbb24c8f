/**
 * The process's one notifier (server, CLI run or worker), on the configured store, and the hook the
 * scan paths store through: the snapshot is written first, then the notifier is told, without waiting
 * and without any way for it to fail the write.
 */
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { Snapshot } from "@/lib/snapshot/schema";
import { openSnapshotStore, type SnapshotStore } from "@/lib/snapshot/store";
import { Notifier } from "./notifier";

const KEY = Symbol.for("safekeep.notifier");

/** Kept on globalThis: Next may load modules more than once, and pending deliveries must be found again. */
export function scanNotifier(): Notifier {
  const holder = globalThis as unknown as Record<symbol, Notifier | undefined>;
  if (!holder[KEY]) {
    const { dataDir, notify } = env();
    holder[KEY] = new Notifier({ settings: notify, store: openSnapshotStore(dataDir) });
  }
  return holder[KEY];
}

/** Tells `notify` about each snapshot once `store` has it; a notifier that throws is logged, never rethrown. */
export function storeThenNotify(
  store: Pick<SnapshotStore, "put">,
  notify: (snapshot: Snapshot) => void = (snapshot) => scanNotifier().snapshotStored(snapshot),
): Pick<SnapshotStore, "put"> {
  return {
    async put(snapshot) {
      await store.put(snapshot);
      try {
        notify(snapshot);
      } catch (error) {
        log.warn("notify.failed", { snapshotId: snapshot.id, error });
      }
    },
  };
}
