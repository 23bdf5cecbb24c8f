import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { Card } from "@/components/ui/card";
import { mayDo, RoleNote } from "@/components/ui/role-note";
import { UtcTime } from "@/components/ui/utc-time";
import { pageIdentity } from "@/lib/http/page-identity";
import { log } from "@/lib/log";
import { auditStore, listAudit, parseAuditQuery } from "@/lib/read/audit";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, type AuditEvent, type AuditPage } from "@/lib/snapshot/audit";
import type { SearchParams } from "@/lib/snapshot/params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

const METHOD_LABELS: Record<AuditEvent["actor"]["method"], string> = {
  local: "local",
  token: "API token",
  basic: "password",
  session: "sign-in",
};

const OUTCOME_STYLE = {
  ok: "bg-emerald-50 text-emerald-900 border-emerald-300",
  refused: "bg-red-50 text-red-900 border-red-300",
} as const;

/** The page's own parameters (`action`, `before`), read as the API reads them; anything else is ignored. */
function queryParams(searchParams: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ["action", "before"]) {
    const value = searchParams[key];
    if (typeof value === "string" && value !== "") params.set(key, value);
  }
  return params;
}

function href(params: { action?: string; before?: string }): string {
  const query = new URLSearchParams();
  if (params.action) query.set("action", params.action);
  if (params.before) query.set("before", params.before);
  const text = query.toString();
  return text ? `/settings/audit?${text}` : "/settings/audit";
}

async function readPage(params: URLSearchParams): Promise<{ page: AuditPage } | { problem: string }> {
  const parsed = parseAuditQuery(params);
  if (!parsed.ok) return { problem: `This link does not name a page of the log (${parsed.message}).` };
  try {
    return { page: await listAudit(auditStore(), { ...parsed.query, limit: PAGE_SIZE }) };
  } catch (error) {
    log.warn("audit.unavailable", { error });
    return { problem: "The audit log could not be read; the server log says why." };
  }
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const identity = await pageIdentity();
  const breadcrumbs = (
    <Breadcrumbs
      items={[
        { label: "Overview", href: "/" },
        { label: "Notifications", href: "/settings/notifications" },
        { label: "Audit log" },
      ]}
    />
  );
  if (!mayDo(identity, "admin")) {
    return (
      <>
        {breadcrumbs}
        <h1 className="text-2xl font-bold">Audit log</h1>
        <Card className="mt-4">
          <RoleNote what="Reading the audit log" needed="admin" identity={identity} />
        </Card>
      </>
    );
  }

  const params = queryParams(await searchParams);
  const action = params.get("action") ?? undefined;
  const read = await readPage(params);
  const page = "page" in read ? read.page : undefined;
  return (
    <>
      {breadcrumbs}
      <h1 className="text-2xl font-bold">Audit log</h1>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-slate-700">
        Who signed in and out, who was turned away, and who started or cancelled scans, muted findings, changed
        schedules or sent a test notification, newest first. Every event is kept. Details name ids and fields, never a
        secret or the text someone typed.
      </p>
      <Card>
        <form method="get" action="/settings/audit" className="flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col gap-1">
            <span className="font-medium text-slate-700">Action</span>
            <select
              name="action"
              defaultValue={action ?? ""}
              className="rounded border border-slate-300 bg-white px-2 py-1"
            >
              <option value="">Every action</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {AUDIT_ACTION_LABELS[a]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">
            Show
          </button>
          {action && (
            <Link href="/settings/audit" className="py-1.5 text-sky-800 underline">
              Every action
            </Link>
          )}
        </form>

        {!page ? (
          <p className="mt-4 text-sm text-red-800">{"problem" in read ? read.problem : ""}</p>
        ) : page.items.length === 0 ? (
          <p className="mt-4 text-sm text-slate-700">
            {params.has("before")
              ? "No older events."
              : action
                ? "No event of this kind yet."
                : "Nothing recorded yet."}
          </p>
        ) : (
          <div
            className="relative mt-4 overflow-x-auto"
            tabIndex={0}
            aria-label="Audit events (scrolls sideways on small screens)"
          >
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Audit events, newest first</caption>
              <thead>
                <tr className="border-b border-slate-200 text-slate-600">
                  {["When", "Who", "Action", "Target", "Outcome", "Detail", "Address"].map((h) => (
                    <th key={h} scope="col" className="py-1 pr-4 font-medium last:pr-0">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.items.map((e) => (
                  <tr key={e.id} className="border-b border-slate-100 align-top">
                    <td className="py-1 pr-4 whitespace-nowrap">
                      <UtcTime iso={e.at} />
                    </td>
                    <td className="py-1 pr-4">
                      <span className="block max-w-[16rem] break-words">{e.actor.name}</span>
                      <span className="block text-xs whitespace-nowrap text-slate-600">
                        {METHOD_LABELS[e.actor.method]} · {e.actor.role}
                      </span>
                    </td>
                    <td className="py-1 pr-4 whitespace-nowrap">{AUDIT_ACTION_LABELS[e.action]}</td>
                    <td className="py-1 pr-4 break-all">{e.target ?? "—"}</td>
                    <td className="py-1 pr-4">
                      <span
                        className={`rounded border px-1.5 py-0.5 text-xs font-semibold ${OUTCOME_STYLE[e.outcome]}`}
                      >
                        {e.outcome === "ok" ? "✓ Done" : "✗ Refused"}
                      </span>
                    </td>
                    <td className="min-w-[14rem] py-1 pr-4 break-words">{e.detail ?? "—"}</td>
                    <td className="py-1 whitespace-nowrap">{e.address ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label="Audit log pages" className="mt-4 flex flex-wrap gap-4 text-sm">
          {params.has("before") && (
            <Link href={href({ action })} className="text-sky-800 underline">
              Newest
            </Link>
          )}
          {page?.nextCursor && (
            <Link href={href({ action, before: page.nextCursor })} className="text-sky-800 underline" rel="next">
              Older
            </Link>
          )}
        </nav>
      </Card>
    </>
  );
}
