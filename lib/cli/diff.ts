/**
 * `npm run diff -- --from ID --to ID [--json]`: what changed between two stored snapshots of one
 * account, by finding: new, still failing, fixed, not re-checked, changed. Ids may be `latest` or
 * `demo`. Prints a summary grouped by change, or with --json the same JSON as
 * GET /api/snapshots/compare. Exit 0: compared; 1: a snapshot not found or unreadable; 2: bad arguments
 * (including two snapshots of different accounts).
 */
import { z } from "zod";
import { env } from "@/lib/env";
import { CHANGE_LABELS, CHANGES, type Comparison } from "@/lib/snapshot/compare";
import { compareStored } from "@/lib/read/compare-stored";
import { openSnapshotStore } from "@/lib/snapshot/store";
import { parseCommandLine } from "./command-line";
import { runWhenStarted } from "./run-command";

const USAGE = `Usage: npm run diff -- --from ID --to ID [--json]   (ID: a snapshot id, latest or demo)`;

const ID = /^[A-Za-z0-9-]{1,64}$/;
const schema = z.object({
  from: z.string({ message: "--from ID is required" }).regex(ID, "--from must be a snapshot id, latest or demo"),
  to: z.string({ message: "--to ID is required" }).regex(ID, "--to must be a snapshot id, latest or demo"),
  json: z.boolean().default(false),
});

/** The summary a person reads: counts, scope notes, then the findings grouped by change. */
export function formatComparison(c: Comparison): string {
  const lines = [
    `Account ${c.account.id}: ${c.from.id} (${c.from.finishedAt}, score ${c.from.score ?? "—"}) → ${c.to.id} (${c.to.finishedAt}, score ${c.to.score ?? "—"})`,
    CHANGES.map((k) => `${CHANGE_LABELS[k]}: ${c.counts[k]}`).join(" · "),
  ];
  if (!c.comparable) lines.push("Not like for like:", ...c.scopeNotes.map((n) => `  ! ${n}`));
  for (const change of CHANGES) {
    const findings = c.findings.filter((f) => f.change === change);
    if (findings.length === 0) continue;
    lines.push("", `${CHANGE_LABELS[change]} (${findings.length})`);
    for (const f of findings) {
      const statuses = `${f.before ?? "—"} → ${f.after ?? "—"}`;
      const seen = f.firstSeen ? ` · first seen ${f.firstSeen}` : "";
      lines.push(`  [${f.severity}] ${f.control} ${f.name ?? f.resourceArn} (${f.region}) ${statuses}${seen}`);
      if (f.detail) lines.push(`      ${f.detail}`);
    }
  }
  return lines.join("\n");
}

export async function main(argv: string[], io = { out: console.log, err: console.error }): Promise<number> {
  const data = parseCommandLine(
    "diff",
    argv,
    { from: { type: "string" }, to: { type: "string" }, json: { type: "boolean" } },
    schema,
    USAGE,
    io.err,
  );
  if (data === undefined) return 2;
  const result = await compareStored(openSnapshotStore(env().dataDir), data.from, data.to);
  if (!result.ok) {
    io.err(`safekeep diff: ${result.message}`);
    return result.problem === "accounts" ? 2 : 1;
  }
  if (result.notice) io.err(`safekeep diff: ${result.notice}`);
  const { comparison } = result;
  io.out(data.json ? JSON.stringify(comparison, null, 2) : formatComparison(comparison));
  return 0;
}

runWhenStarted("diff", main);
