import { mkdir, readFile, readdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { snapshotSchema, type Snapshot } from "./schema";

/** What the rest of Safekeep needs from snapshot storage; a server database can implement it too. */
export interface SnapshotStore {
  put(snapshot: Snapshot): Promise<void>;
  get(id: string): Promise<Snapshot | undefined>;
  /** Newest first. */
  list(): Promise<SnapshotListing[]>;
}

export interface SnapshotListing {
  id: string;
  source: Snapshot["source"];
  accountId: string;
  finishedAt: string;
  score: number | null;
}

const ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

export function newSnapshotId(now: Date, random = Math.random): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const suffix = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, "0");
  return `${stamp}-${suffix}`;
}

/**
 * One JSON file per snapshot. A snapshot is written to a temporary file and renamed into place,
 * so a reader never sees half of one and a crash mid-write leaves earlier snapshots untouched.
 * Files that fail validation are skipped, never rendered half.
 */
export class FileSnapshotStore implements SnapshotStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, "snapshots");
  }

  async put(snapshot: Snapshot): Promise<void> {
    const valid = snapshotSchema.parse(snapshot);
    await mkdir(this.dir, { recursive: true });
    const target = path.join(this.dir, `${valid.id}.json`);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(valid), { flag: "wx" });
    await rename(temporary, target);
  }

  async get(id: string): Promise<Snapshot | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    try {
      const parsed = snapshotSchema.safeParse(JSON.parse(await readFile(path.join(this.dir, `${id}.json`), "utf8")));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async list(): Promise<SnapshotListing[]> {
    let files: string[];
    try {
      files = (await readdir(this.dir)).filter((f) => f.endsWith(".json"));
    } catch {
      return [];
    }
    const snapshots = await Promise.all(files.map((f) => this.get(f.slice(0, -".json".length))));
    return snapshots
      .filter((s): s is Snapshot => s !== undefined)
      .map((s) => ({ id: s.id, source: s.source, accountId: s.account.id, finishedAt: s.finishedAt, score: s.score }))
      .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
  }
}
