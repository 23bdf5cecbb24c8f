/**
 * `npm run export -- --id ID|latest --format pdf|csv|json|ocsf --out FILE [--service S] [--paper a4|letter]`:
 * writes an export of a stored snapshot (a PDF on A4 unless --paper letter). `npm run export -- --org [--ou OU] --format pdf|csv|json --out FILE
 * [--scope controls|results]`: an export across accounts (each account's newest readable snapshot).
 * Exit 0: written; 1: no such snapshot (with --org: no account, or none in the OU); 2: bad arguments.
 */
import { writeFile } from "node:fs/promises";
import { z } from "zod";
import { env } from "@/lib/env";
import { SERVICE_IDS } from "@/lib/inventory/common";
import { exportSnapshot } from "@/lib/report/export";
import { PAPERS, usesSightings } from "@/lib/report/export-request";
import { exportOrganization, ORGANIZATION_FORMATS, OU_ID } from "@/lib/report/organization-export";
import { organizationSnapshots } from "@/lib/read/organization-export";
import { mutesInForce } from "@/lib/read/mutes";
import { previousSnapshot, resolveWithMutes, skippedNotice } from "@/lib/read/snapshot-to-show";
import { findingHistory } from "@/lib/snapshot/history";
import { openSnapshotStore } from "@/lib/snapshot/store";
import { parseCommandLine } from "./command-line";
import { runWhenStarted } from "./run-command";

const USAGE = `Usage: npm run export -- --id ID|latest|demo --out FILE [--format pdf|csv|json|ocsf] [--service S] [--paper a4|letter]
       npm run export -- --org [--ou OU] --out FILE [--format pdf|csv|json] [--scope controls|results]`;

const schema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, "--id must be a snapshot id, latest or demo")
      .optional(),
    org: z.boolean().default(false),
    ou: z.string().regex(OU_ID, "--ou must be an organizational unit id (ou-…) or a root id (r-…)").optional(),
    scope: z.enum(["controls", "results"], { message: "--scope must be controls or results" }).optional(),
    out: z.string({ message: "--out FILE is required" }).min(1, "--out FILE is required"),
    format: z.enum(["pdf", "csv", "json", "ocsf"], { message: "--format must be pdf, csv, json or ocsf" }).optional(),
    service: z.enum(SERVICE_IDS).optional(),
    paper: z.enum(PAPERS, { message: "--paper must be a4 or letter" }).optional(),
  })
  .superRefine((v, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: "custom", message });
    if (v.org && v.id !== undefined) problem("--id and --org cannot be combined: --org exports every account");
    if (!v.org && v.id === undefined) problem("--id ID or --org is required");
    if (!v.org && (v.ou !== undefined || v.scope !== undefined)) problem("--ou and --scope apply only with --org");
    if (v.org && v.service !== undefined) problem("--service applies only with --id");
    if (v.paper !== undefined && (v.org || (v.format ?? formatOf(v.out)) !== "pdf")) {
      problem("--paper applies only to a snapshot's PDF (--id with --format pdf)");
    }
    if (v.org && v.format !== undefined && !(ORGANIZATION_FORMATS as readonly string[]).includes(v.format)) {
      problem(`--org exports ${ORGANIZATION_FORMATS.join(", ")} only`);
    }
    if (v.org && v.scope !== undefined && (v.format ?? formatOf(v.out)) === "pdf") {
      problem("--scope applies to csv and json only");
    }
  });

function formatOf(out: string): "pdf" | "csv" | "json" {
  return out.endsWith(".pdf") ? "pdf" : out.endsWith(".csv") ? "csv" : "json";
}

export async function main(argv: string[], io = { out: console.log, err: console.error }): Promise<number> {
  const data = parseCommandLine(
    "export",
    argv,
    {
      id: { type: "string" },
      org: { type: "boolean" },
      ou: { type: "string" },
      scope: { type: "string" },
      out: { type: "string" },
      format: { type: "string" },
      service: { type: "string" },
      paper: { type: "string" },
    },
    schema,
    USAGE,
    io.err,
  );
  if (data === undefined) return 2;
  const { out, service } = data;
  const format = data.format ?? formatOf(out);
  const store = openSnapshotStore(env().dataDir);
  if (data.org) {
    const chosen = await organizationSnapshots(store, data.ou);
    if (chosen.notice) io.err(`safekeep export: ${chosen.notice}`);
    if (!chosen.found) {
      io.err(
        chosen.reason === "ou"
          ? `safekeep export: no account with a stored snapshot sits in organizational unit ${data.ou}`
          : "safekeep export: no account has a readable stored snapshot; scan accounts first (npm run scan -- --org)",
      );
      return 1;
    }
    const file = await exportOrganization(
      { snapshots: chosen.snapshots, ou: data.ou, notice: chosen.notice, generatedAt: new Date() },
      // The schema has refused ocsf with --org.
      { format: format as (typeof ORGANIZATION_FORMATS)[number], scope: data.scope, ou: data.ou },
    );
    await writeFile(out, file.body);
    const count = chosen.snapshots.length;
    io.out(`Wrote ${format.toUpperCase()} of ${count} account${count === 1 ? "" : "s"} to ${out}`);
    return 0;
  }
  const id = data.id!;
  const now = new Date();
  const lookup = await resolveWithMutes(store, id, now);
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
  const query = { format, scope: format === "csv" ? "results" : "snapshot", service, paper: data.paper } as const;
  const file = await exportSnapshot(
    snapshot,
    query,
    // The OCSF file's lifecycle (new, still failing, resolved) is read against the previous snapshot.
    format === "pdf" || format === "ocsf" ? await previousSnapshot(snapshot, store) : undefined,
    await mutesInForce(store, now),
    format === "pdf" ? (await store.list()).filter((s) => s.accountId === snapshot.account.id) : undefined,
    usesSightings(query) ? await findingHistory(store, snapshot) : undefined,
  );
  await writeFile(out, file.body);
  io.out(`Wrote ${format.toUpperCase()} of snapshot ${snapshot.id} to ${out}`);
  return 0;
}

runWhenStarted("export", main);
