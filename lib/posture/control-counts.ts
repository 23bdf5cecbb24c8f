import type { SnapshotControl } from "@/lib/snapshot/schema";

/**
 * A control's open results out of all its results, failing and warning apart: "2 failing · 1 warning
 * / 17". Warnings are open findings too; counting only failures made a Warning control read "0 / 17".
 * Muted results are left out of the open counts (they are accepted risks, as on the overview) and
 * said apart, so a muted failure neither reads as open nor vanishes.
 */
export function controlCounts(control: Pick<SnapshotControl, "results">): {
  failing: number;
  warning: number;
  muted: number;
  total: number;
  text: string;
} {
  const open = (status: "fail" | "warn") => control.results.filter((r) => r.status === status && !r.mute).length;
  const failing = open("fail");
  const warning = open("warn");
  const muted = control.results.filter((r) => r.mute).length;
  const total = control.results.length;
  const parts = [`${failing} failing`];
  if (warning > 0) parts.push(`${warning} warning${warning === 1 ? "" : "s"}`);
  if (muted > 0) parts.push(`${muted} muted`);
  return { failing, warning, muted, total, text: `${parts.join(" · ")} / ${total}` };
}
