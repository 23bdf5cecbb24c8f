import Link from "next/link";
import type { Snapshot } from "@/lib/snapshot/schema";
import { count } from "./count";

/**
 * Says that mutes in force changed what the page shows: how many findings they cover, that those left
 * the score, and the score the scan gave before them. Nothing when no mute covers a finding.
 */
export function MutedNote({ mutes }: { mutes: Snapshot["mutes"] }) {
  if (!mutes || mutes.muted === 0) return null;
  return (
    <p className="mt-2 text-center text-xs text-slate-600">
      <Link href="/mutes" className="font-medium text-blue-800 hover:underline">
        {count(mutes.muted, "finding")} muted
      </Link>{" "}
      (left out of the score
      {mutes.scoreBeforeMutes === null ? "" : `; ${mutes.scoreBeforeMutes} before mutes`}).
    </p>
  );
}
