/**
 * `npm run export -- --id ID|latest --format pdf|csv|json|ocsf --out FILE [--service S]`: writes an
 * export of a stored snapshot. Exit 0: written; 1: no such snapshot; 2: bad arguments.
 */
import { writeFile } from "node:fs/promises";
import { z } from "zod";
import { env } from "@/lib/env";
import { SERVICE_IDS } from "@/lib/inventory/common";
import { exportSnapshot } from "@/lib/report/export";
import { previousSnapshot, resolveSnapshot, skippedNotice } from "@/lib/read/snapshot-to-show";
import { openSnapshotStore } from "@/lib/snapshot/store";
import { parseCommandLine } from "./command-line";
import { runWhenStarted } from "./run-command";

const USAGE = `Usage: npm run export -- --id ID|latest|demo --out FILE [--format pdf|csv|json|ocsf] [--service S]`;

const schema = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "--id must be a snapshot id, latest or demo"),
  out: z.string({ message: "--out FILE is required" }).min(1, "--out FILE is required"),
  format: z.enum(["pdf", "csv", "json", "ocsf"]).optional(),
  service: z.enum(SERVICE_IDS).optional(),
});

export async function main(argv: string[], io = { out: console.log, err: console.error }): Promise<number> {
  const data = parseCommandLine(
    "export",
    argv,
    {
      id: { type: "string" },
      out: { type: "string" },
      format: { type: "string" },
      service: { type: "string" },
    },
    schema,
    USAGE,
    io.err,
  );
  if (data === undefined) return 2;
  const { id, out, service } = data;
  const format = data.format ?? (out.endsWith(".pdf") ? "pdf" : out.endsWith(".csv") ? "csv" : "json");
  const store = openSnapshotStore(env().dataDir);
  const lookup = await resolveSnapshot(store, id);
  if (!lookup.found) {
    io.err(
      lookup.reason === "missing"
        ? `safekeep export: no snapshot ${id}`
        : `safekeep export: snapshot ${id} is stored but could not be read (the log above says why)`,
    );
    return 1;
  }
  const { snapshot } = lookup;
  const notice = skippedNotice(lookup.skipped);
  if (notice) io.err(`safekeep export: ${notice}`);
  const file = await exportSnapshot(
    snapshot,
    { format, scope: format === "csv" ? "results" : "snapshot", service },
    format === "pdf" ? await previousSnapshot(snapshot, store) : undefined,
  );
  await writeFile(out, file.body);
  io.out(`Wrote ${format.toUpperCase()} of snapshot ${snapshot.id} to ${out}`);
  return 0;
}

runWhenStarted("export", main);
