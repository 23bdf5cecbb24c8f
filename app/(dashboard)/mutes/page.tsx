import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { MuteActions, MuteForm } from "@/components/mutes/mute-form";
import { Card } from "@/components/ui/card";
import { mayDo, RoleNote } from "@/components/ui/role-note";
import { CONTROLS } from "@/lib/controls/registry";
import { pageIdentity } from "@/lib/http/page-identity";
import { readMutesNow, type MuteListing } from "@/lib/read/mutes";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import { describeTarget, type MuteState } from "@/lib/snapshot/mute";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Mutes" };

function utc(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

const STATE_STYLE: Record<MuteState, string> = {
  active: "bg-violet-100 text-violet-900 border-violet-300",
  expired: "bg-amber-50 text-amber-950 border-amber-300",
  lifted: "bg-slate-100 text-slate-700 border-slate-300",
};

function daysLeft(expiresAt: string, now: number): string {
  const days = Math.ceil((Date.parse(expiresAt) - now) / 86_400_000);
  return days <= 1 ? "expires within a day" : `${days} days left`;
}

/** Where the findings a mute covers are listed. */
function findingsHref(t: Extract<MuteListing["mute"]["target"], { kind: "rule" }>): string {
  const params = new URLSearchParams({ control: t.controlId, status: "fail,warn" });
  if (t.region) params.set("region", t.region);
  if (t.accountId) params.set("account", t.accountId);
  if (t.tag) params.set("tag", t.tag);
  return `/findings?${params.toString()}`;
}

function MuteRow({ listing, now, canChange }: { listing: MuteListing; now: number; canChange: boolean }) {
  const { mute, state, history } = listing;
  return (
    <li id={mute.id} className="border-t border-slate-200 py-4 first:border-t-0">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1 space-y-1">
          <p className="flex flex-wrap items-center gap-2">
            <span className={`rounded border px-1.5 py-0.5 text-xs font-semibold ${STATE_STYLE[state]}`}>{state}</span>
            <span className="font-medium break-words">{describeTarget(mute.target, mute.label)}</span>
          </p>
          <p className="text-sm break-words">
            <span className="text-slate-600">Reason:</span> {mute.reason}
          </p>
          <p className="text-sm text-slate-700">
            Owner {mute.owner} · expires {utc(mute.expiresAt)}
            {state === "active" ? ` (${daysLeft(mute.expiresAt, now)})` : ""} · created by {mute.createdBy}{" "}
            {utc(mute.createdAt)}
            {mute.liftedAt ? ` · lifted by ${mute.liftedBy ?? "?"} ${utc(mute.liftedAt)}` : ""}
          </p>
          {mute.target.kind === "rule" && state === "active" && (
            <p className="text-sm">
              <Link href={findingsHref(mute.target)} className="text-sky-800 underline">
                Findings of this control
              </Link>
            </p>
          )}
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-700">History ({history.length})</summary>
            <ol className="mt-1 space-y-1 pl-4">
              {history.map((event, i) => (
                <li key={i} className="break-words">
                  <span className="font-medium">{event.action}</span> by {event.actor}, {utc(event.at)}
                  {event.changes &&
                    Object.entries(event.changes).map(([field, { from, to }]) => (
                      <span key={field} className="block text-slate-700">
                        {field}: “{from}” → “{to}”
                      </span>
                    ))}
                </li>
              ))}
            </ol>
          </details>
        </div>
        {canChange && (
          <MuteActions id={mute.id} state={state} reason={mute.reason} owner={mute.owner} expiresAt={mute.expiresAt} />
        )}
      </div>
    </li>
  );
}

/** Every mute, active first (soonest expiry first), then expired and lifted ones, with who did what and when. */
export default async function MutesPage() {
  const [{ asOf: now, listed }, identity] = await Promise.all([readMutesNow(snapshotStore()), pageIdentity()]);
  const canChange = mayDo(identity, "operator");
  const active = listed.filter((l) => l.state === "active");
  const past = listed.filter((l) => l.state !== "active");
  const controls = CONTROLS.map((c) => c.meta.id).sort();
  return (
    <>
      <Breadcrumbs items={[{ label: "Overview", href: "/" }, { label: "Mutes" }]} />
      <h1 className="text-2xl font-bold">Mutes</h1>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-700">
        A mute accepts a failing finding as a known risk until its expiry: the finding stays listed with its mark and
        reason, and leaves the score. Findings that could not be judged are never muted. At the expiry a mute lapses by
        itself and its findings count again.
      </p>
      {!canChange && (
        <RoleNote what="Muting, editing and lifting mutes" needed="operator" identity={identity} className="mb-4" />
      )}
      <Card className="mb-6">
        <h2 className="text-lg font-semibold">Active ({active.length})</h2>
        {active.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">
            No finding is muted. Mute one from the{" "}
            <Link href="/findings" className="text-sky-800 underline">
              findings
            </Link>{" "}
            view, or a rule below.
          </p>
        ) : (
          <ul>
            {active.map((l) => (
              <MuteRow key={l.mute.id} listing={l} now={now} canChange={canChange} />
            ))}
          </ul>
        )}
      </Card>
      {canChange && (
        <Card className="mb-6">
          <details>
            <summary className="cursor-pointer text-lg font-semibold">Mute by rule</summary>
            <p className="mt-2 text-sm text-slate-700">
              A control, narrowed by any of a resource pattern, a Region, an account and a tag. It covers the failing
              and warning findings that match, including ones later scans find.
            </p>
            <MuteForm rule controls={controls} />
          </details>
        </Card>
      )}
      {past.length > 0 && (
        <Card>
          <h2 className="text-lg font-semibold">Expired and lifted ({past.length})</h2>
          <ul>
            {past.map((l) => (
              <MuteRow key={l.mute.id} listing={l} now={now} canChange={canChange} />
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
