import Link from "next/link";
import { MuteOpener } from "@/components/mutes/mute-form";
import type { Status } from "@/lib/controls/types";
import type { MuteMark } from "@/lib/snapshot/mute";

/** The mute mark a muted finding carries wherever it is listed: reason, owner, expiry, and where to manage it. */
export function MuteMarkNote({ mute }: { mute: MuteMark }) {
  return (
    <div className="mt-1 text-xs text-violet-900">
      <Link
        href={`/mutes#${mute.id}`}
        className="rounded border border-violet-300 bg-violet-50 px-1.5 py-0.5 font-semibold"
        title="Left out of the score until the mute expires or is lifted"
      >
        Muted
      </Link>{" "}
      <span className="break-words">
        {mute.reason} · {mute.owner} · until {mute.expiresAt.slice(0, 10)}
      </span>
    </div>
  );
}

/**
 * Under a finding's status: its mute mark, or for a failure or warning a "Mute…" form (a reason, an
 * owner and an expiry required). Results that could not be judged are never muted. `canMute` false
 * (a caller below the operator role): the mark only, no form (the page says why once).
 */
export function FindingMute(props: {
  findingId: string;
  status: Status;
  mute: MuteMark | null;
  label: string;
  canMute?: boolean;
}) {
  if (props.mute) return <MuteMarkNote mute={props.mute} />;
  if (props.status !== "fail" && props.status !== "warn") return null;
  if (props.canMute === false) return null;
  return <MuteOpener findingId={props.findingId} label={props.label} />;
}
