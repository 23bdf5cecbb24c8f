import { SERVICE_NAMES } from "@/lib/inventory/common";
import type { Snapshot } from "@/lib/snapshot/schema";

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/** A plain-text table of the snapshot: one line per service, then the overall score and coverage. */
export function formatSummary(snapshot: Snapshot): string {
  const header = ["Service", "Score", "Pass", "Fail", "Warn", "N/A", "Error"];
  const widths = [22, 9, 6, 6, 6, 6, 6];
  const rows = snapshot.services.map((s) =>
    s.evaluated
      ? [
          SERVICE_NAMES[s.id],
          s.score === null ? "—" : `${s.score}/100`,
          ...[s.counts.pass, s.counts.fail, s.counts.warn, s.counts["not-applicable"], s.counts.error].map(String),
        ]
      : [SERVICE_NAMES[s.id], "not evaluated", "", "", "", "", ""],
  );
  const lines = [header, ...rows].map((cells) =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 8))
      .join(" ")
      .trimEnd(),
  );
  lines.splice(1, 0, "-".repeat(lines[0]?.length ?? 60));
  lines.push("");
  lines.push(
    `Overall score: ${snapshot.score === null ? "no score" : `${snapshot.score}/100`}   Snapshot: ${snapshot.id} (${snapshot.source === "demo" ? "demo data" : `account ${snapshot.account.id}`})`,
  );
  if (snapshot.coverage.deniedActions.length > 0) {
    lines.push(`Denied IAM actions: ${snapshot.coverage.deniedActions.join(", ")}`);
  }
  const otherErrors = snapshot.coverage.errors.filter((e) => e.kind !== "access-denied").length;
  if (otherErrors > 0) lines.push(`Failed API calls: ${otherErrors} (see the snapshot's coverage)`);
  if (snapshot.coverage.skippedRegions.length > 0) {
    lines.push(`Skipped regions: ${snapshot.coverage.skippedRegions.map((r) => r.region).join(", ")}`);
  }
  return lines.join("\n");
}
