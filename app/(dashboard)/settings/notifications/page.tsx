import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { Card } from "@/components/ui/card";
import { mayDo, RoleNote } from "@/components/ui/role-note";
import { env } from "@/lib/env";
import { pageIdentity } from "@/lib/http/page-identity";
import { log } from "@/lib/log";
import { CHANNEL_NAMES, visibleSettings } from "@/lib/notify/settings";
import type { Delivery } from "@/lib/snapshot/notification-store";
import { openSnapshotStore } from "@/lib/snapshot/store";
import { UtcTime } from "@/components/ui/utc-time";
import { SendTestButton } from "./test-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

const SHOWN_DELIVERIES = 50;

async function recentDeliveries(): Promise<{ deliveries: Delivery[]; unavailable: boolean }> {
  try {
    return { deliveries: await openSnapshotStore(env().dataDir).listDeliveries(SHOWN_DELIVERIES), unavailable: false };
  } catch (error) {
    log.warn("notify.deliveries-unavailable", { error });
    return { deliveries: [], unavailable: true };
  }
}

const OUTCOME_STYLE = {
  delivered: "bg-emerald-50 text-emerald-900 border-emerald-300",
  failed: "bg-red-50 text-red-900 border-red-300",
} as const;

export default async function NotificationSettingsPage() {
  const settings = visibleSettings(env().notify);
  const [{ deliveries, unavailable }, identity] = await Promise.all([recentDeliveries(), pageIdentity()]);
  const anyChannel = settings.channels.some((c) => c.configured);
  const isAdmin = mayDo(identity, "admin");
  return (
    <>
      <Breadcrumbs
        items={[{ label: "Overview", href: "/" }, { label: "Scan now", href: "/scan" }, { label: "Notifications" }]}
      />
      <h1 className="text-2xl font-bold">Notifications</h1>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-700">
        After every scan (and every scheduled scan), Safekeep compares the account with its previous scan and sends what
        changed: new findings of at least the minimum severity, verified fixes, a score drop beyond the threshold, and
        findings failing again because their mute ended. Nothing changed, or an account&apos;s first scan: no message. A
        delivery is tried three times with back-off; a failed one is listed below and never affects the scan.
      </p>
      <p className="-mt-3 mb-6 text-sm text-slate-700">
        Who signed in, who was turned away and who changed what is in the{" "}
        <Link href="/settings/audit" className="text-sky-800 underline">
          audit log
        </Link>{" "}
        (admin role).
      </p>

      <Card className="mb-6">
        <h2 className="text-lg font-semibold">Channels</h2>
        <p className="mt-1 text-sm text-slate-700">
          Set with environment variables on the server (and the workers in team mode), then restart; they cannot be
          changed here. Webhook addresses carry their token: only the host is shown.
        </p>
        <div
          className="relative mt-3 overflow-x-auto"
          tabIndex={0}
          aria-label="Channels (scrolls sideways on small screens)"
        >
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th scope="col" className="py-1 pr-4 font-medium">
                  Channel
                </th>
                <th scope="col" className="py-1 pr-4 font-medium">
                  Variable
                </th>
                <th scope="col" className="py-1 pr-4 font-medium">
                  Configured
                </th>
                <th scope="col" className="py-1 font-medium">
                  Sends to
                </th>
              </tr>
            </thead>
            <tbody>
              {settings.channels.map((c) => (
                <tr key={c.channel} className="border-b border-slate-100">
                  <td className="py-1 pr-4">{c.name}</td>
                  <td className="py-1 pr-4">
                    <code className="rounded bg-slate-100 px-1">{c.variable}</code>
                  </td>
                  <td className="py-1 pr-4">{c.configured ? "✓ Yes" : "– No"}</td>
                  <td className="py-1 break-all">{c.target ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">Generic webhook signature</dt>
          <dd>
            {settings.signed ? "HMAC-SHA256 with SAFEKEEP_NOTIFY_WEBHOOK_SECRET (set)" : "— (no generic webhook)"}
          </dd>
          <dt className="text-slate-600">Score drop reported from</dt>
          <dd>
            {settings.scoreDrop} points (<code className="rounded bg-slate-100 px-1">SAFEKEEP_NOTIFY_SCORE_DROP</code>)
          </dd>
          <dt className="text-slate-600">Minimum severity</dt>
          <dd>
            {settings.minSeverity} (<code className="rounded bg-slate-100 px-1">SAFEKEEP_NOTIFY_MIN_SEVERITY</code>)
          </dd>
          <dt className="text-slate-600">Links in messages</dt>
          <dd className="break-all">
            {settings.dashboardUrl ?? "none"} (
            <code className="rounded bg-slate-100 px-1">SAFEKEEP_NOTIFY_DASHBOARD_URL</code>)
          </dd>
        </dl>
        <SendTestButton disabled={!anyChannel || !isAdmin} />
        {!isAdmin ? (
          <RoleNote what="Sending a test message" needed="admin" identity={identity} className="mt-1" />
        ) : (
          !anyChannel && <p className="mt-1 text-sm text-slate-700">Configure a channel first; the README says how.</p>
        )}
      </Card>

      <Card>
        <h2 className="text-lg font-semibold">Recent deliveries</h2>
        {unavailable ? (
          <p className="mt-2 text-sm text-red-800">The delivery records could not be read; the server log says why.</p>
        ) : deliveries.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">Nothing sent yet.</p>
        ) : (
          <div className="relative mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">The last {SHOWN_DELIVERIES} deliveries, newest first</caption>
              <thead>
                <tr className="border-b border-slate-200 text-slate-600">
                  <th scope="col" className="py-1 pr-4 font-medium">
                    When
                  </th>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Outcome
                  </th>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Channel
                  </th>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Message
                  </th>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Attempts
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    Last error
                  </th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id} className="border-b border-slate-100 align-top">
                    <td className="py-1 pr-4 whitespace-nowrap">
                      <UtcTime iso={d.at} />
                    </td>
                    <td className="py-1 pr-4">
                      <span
                        className={`rounded border px-1.5 py-0.5 text-xs font-semibold ${OUTCOME_STYLE[d.outcome]}`}
                      >
                        {d.outcome === "delivered" ? "✓ Delivered" : "✗ Failed"}
                      </span>
                    </td>
                    <td className="py-1 pr-4">
                      {CHANNEL_NAMES[d.channel]} <span className="break-all text-slate-600">{d.target}</span>
                    </td>
                    <td className="py-1 pr-4">
                      {d.event === "test" ? (
                        "Test message"
                      ) : d.snapshotId ? (
                        <Link
                          href={`/?snapshot=${encodeURIComponent(d.snapshotId)}${d.accountId ? `&account=${d.accountId}` : ""}`}
                          className="text-sky-800 underline"
                        >
                          Changes in {d.accountId ?? "snapshot"}
                        </Link>
                      ) : (
                        "Changes"
                      )}
                    </td>
                    <td className="py-1 pr-4">{d.attempts}</td>
                    <td className="py-1">{d.outcome === "failed" ? (d.error ?? "—") : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
