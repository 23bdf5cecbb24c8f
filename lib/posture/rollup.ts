import type { Status } from "@/lib/controls/types";

/**
 * A control's verdict from its per-resource results: the worst status among what could be judged
 * (fail, then warn, then pass, then not applicable). Results that could not be judged (`error`) never
 * hide or soften a judged failure, and never stand in for one either: the control is `error` only
 * when nothing at all could be judged, and is otherwise marked incomplete beside its status.
 * No results at all means nothing was in scope.
 */
const WORST_FIRST: readonly Status[] = ["fail", "warn", "pass", "not-applicable"];

export function rollUp(statuses: readonly Status[]): Status {
  const judged = WORST_FIRST.find((status) => statuses.includes(status));
  if (judged !== undefined) return judged;
  return statuses.includes("error") ? "error" : "not-applicable";
}
