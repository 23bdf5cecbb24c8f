import type { Status } from "@/lib/controls/types";

/**
 * A control's verdict from its per-resource results (controls.md §0.3): any fail wins; then an
 * error, because a control we could not fully evaluate must never read as passing; then warn,
 * then pass. No results at all means nothing was in scope.
 */
export function rollUp(statuses: readonly Status[]): Status {
  if (statuses.includes("fail")) return "fail";
  if (statuses.includes("error")) return "error";
  if (statuses.includes("warn")) return "warn";
  if (statuses.includes("pass")) return "pass";
  return "not-applicable";
}
