import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { ExportViewLinks } from "@/components/findings/export-view-links";
import { age } from "@/components/findings/age";
import { ANY, FilterInput, FilterSelect } from "@/components/findings/filter-select";
import { SeverityBadge } from "@/components/posture/severity-badge";
import { StatusPill } from "@/components/posture/status-pill";
import { FindingMute } from "@/components/findings/finding-mute";
import { mayDo, RoleNote } from "@/components/ui/role-note";
import { pageIdentity } from "@/lib/http/page-identity";
import { GroupList } from "@/components/findings/group-list";
import { env } from "@/lib/env";
import { GROUP_KINDS, parseGroupBy } from "@/lib/snapshot/findings-groups";
import { SERVICE_IDS, SERVICE_NAMES } from "@/lib/inventory/common";
import { readFindingGroups, readFindings } from "@/lib/read/findings";
import { paramsOf, withParams } from "@/lib/findings-url";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import { FINDING_SORT_KEYS, parseFindingsQuery } from "@/lib/snapshot/findings-query";
import { SEVERITIES, SEVERITY_LABELS } from "@/lib/controls/types";
import { displayName } from "@/lib/report/resource-label";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Findings" };

type SearchParams = Record<string, string | string[] | undefined>;

const SORT_LABELS: Record<(typeof FINDING_SORT_KEYS)[number], string> = {
  severity: "Severity",
  status: "Status",
  control: "Control",
  resource: "Resource",
  region: "Region",
  account: "Account",
  firstSeen: "First seen",
};
const STATUS_CHOICES = [
  { value: "", label: "Failing, warning or error (default)" },
  { value: "fail", label: "Fail" },
  { value: "warn", label: "Warning" },
  { value: "error", label: "Error (could not be judged)" },
  { value: "fail,warn,error,pass,not-applicable", label: "Any status" },
];

/** The owner column: the owner tag's value; a dash when the resource has no such tag. */
function ownerOf(tags: readonly { key: string; value: string }[], ownerKey: string): string {
  const tag = tags.find((t) => t.key === ownerKey);
  return tag === undefined ? "—" : tag.value || "(empty value)";
}

/**
 * Every failing, warning and error result across services and accounts, one row per finding, paged
 * and sorted by the store (GET /api/findings answers the same query). Everything the view shows is
 * in the URL: filters, sort and page, so a link or a reload gives the same view.
 */
export default async function FindingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = paramsOf(await searchParams);
  const identity = await pageIdentity();
  const canMute = mayDo(identity, "operator");
  // `group` is the page's own (the groups shown instead of the rows); the rest is the findings query.
  const grouping = params.get("group") ? parseGroupBy(params.get("group")) : undefined;
  const query = new URLSearchParams(params);
  query.delete("group");
  const parsed = parseFindingsQuery(query);
  const answer = parsed.ok ? await readFindings(snapshotStore(), parsed.request) : undefined;
  const groupsAnswer =
    parsed.ok && grouping?.ok ? await readFindingGroups(snapshotStore(), parsed.request, grouping.by) : undefined;
  const ownerKey = answer?.ok ? answer.ownerKey : env().ownerTag;
  const problem = !parsed.ok
    ? parsed.issues.map((i) => `${String(i.path[0] ?? "query")}: ${i.message}`).join("; ")
    : answer && !answer.ok
      ? answer.message
      : grouping && !grouping.ok
        ? `group: ${grouping.message}`
        : groupsAnswer && !groupsAnswer.ok
          ? groupsAnswer.message
          : undefined;
  const page = answer?.ok ? answer.page : undefined;
  // Ages are counted to the newest scan read, so a view of older data does not age by itself.
  const asOf = answer?.ok ? Math.max(0, ...answer.snapshots.map((s) => Date.parse(s.finishedAt))) : 0;
  const get = (key: string) => params.get(key) ?? "";
  const sort = get("sort") || "severity";
  const demo = answer?.ok && answer.snapshots.some((s) => s.source === "demo");

  return (
    <>
      <Breadcrumbs items={[{ label: "Overview", href: "/" }, { label: "Findings" }]} />
      <h1 className="mb-2 text-2xl font-bold">Findings</h1>
      <p className="mb-4 max-w-3xl text-sm text-slate-700">
        Every resource that fails, warns or could not be judged, across services and accounts, from each account’s
        newest snapshot. The filters, the order and the page are in the address: share it or reload, the view stays.
      </p>
      {!canMute && <RoleNote what="Muting findings" needed="operator" identity={identity} className="mb-4" />}
      <form
        method="get"
        action="/findings"
        className="mb-4 grid gap-2 text-sm sm:grid-cols-2 lg:grid-cols-3"
        aria-label="Filter findings"
      >
        <FilterInput label="Search" name="q" value={get("q")} placeholder="name, ARN, control, reason" />
        <FilterSelect label="Status" name="status" value={get("status")} choices={STATUS_CHOICES} />
        <FilterSelect
          label="Severity"
          name="severity"
          value={get("severity")}
          choices={[ANY, ...SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))]}
        />
        <FilterSelect
          label="Muted"
          name="muted"
          value={get("muted")}
          choices={[
            { value: "", label: "Muted or not" },
            { value: "false", label: "Not muted" },
            { value: "true", label: "Muted only" },
          ]}
        />
        <FilterSelect
          label="Service"
          name="service"
          value={get("service")}
          choices={[ANY, ...SERVICE_IDS.map((s) => ({ value: s, label: SERVICE_NAMES[s] }))]}
        />
        <label className="flex flex-col">
          <span className="text-slate-700">Region, account or tag</span>
          <span className="flex gap-1">
            <input
              name="region"
              defaultValue={get("region")}
              placeholder="eu-west-1"
              aria-label="Region"
              className="w-1/3 min-w-0 rounded border border-slate-300 px-2 py-1"
            />
            <input
              name="account"
              defaultValue={get("account")}
              placeholder="account"
              aria-label="Account"
              className="w-1/3 min-w-0 rounded border border-slate-300 px-2 py-1"
            />
            <input
              name="tag"
              defaultValue={get("tag")}
              placeholder="key:value"
              aria-label="Tag"
              className="w-1/3 min-w-0 rounded border border-slate-300 px-2 py-1"
            />
          </span>
        </label>
        <label className="flex flex-col">
          <span className="text-slate-700">Owner</span>
          <input
            name="owner"
            defaultValue={get("owner")}
            placeholder={`${ownerKey} tag value, or - for none`}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <FilterSelect
          label="Group by"
          name="group"
          value={get("group")}
          choices={[
            { value: "", label: "No grouping (list the findings)" },
            ...GROUP_KINDS.map((k) => ({
              value: k,
              label: k === "owner" ? `Owner (tag ${ownerKey})` : k[0]!.toUpperCase() + k.slice(1),
            })),
          ]}
        />
        <label className="flex flex-col">
          <span className="text-slate-700">Order</span>
          <span className="flex gap-1">
            <select
              name="sort"
              aria-label="Order"
              defaultValue={sort}
              className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1"
            >
              {FINDING_SORT_KEYS.flatMap((key) => [
                <option key={key} value={key}>
                  {SORT_LABELS[key]}
                </option>,
                <option key={`-${key}`} value={`-${key}`}>
                  {SORT_LABELS[key]} (reversed)
                </option>,
              ])}
            </select>
            <button type="submit" className="rounded bg-slate-900 px-3 py-1 text-white">
              Apply
            </button>
          </span>
        </label>
        {get("control") && <input type="hidden" name="control" value={get("control")} />}
        {get("snapshot") && <input type="hidden" name="snapshot" value={get("snapshot")} />}
      </form>

      {problem && (
        <p role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          {problem}{" "}
          <Link href="/findings" className="underline">
            Show the default view
          </Link>
        </p>
      )}
      {answer?.ok && answer.notice && (
        <p
          role="status"
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
        >
          {answer.notice}
        </p>
      )}
      {groupsAnswer?.ok && grouping?.ok && (
        <GroupList groups={groupsAnswer.groups} by={grouping.by} params={params} ownerKey={ownerKey} />
      )}
      {page && !grouping && (
        <section aria-labelledby="findings-count">
          <h2 id="findings-count" className="mb-2 text-sm text-slate-700">
            {page.total.toLocaleString("en-US")} finding{page.total === 1 ? "" : "s"}
            {demo ? " · includes the fictional demo account" : ""}
            {answer?.ok ? ` · from ${answer.snapshots.length} snapshot${answer.snapshots.length === 1 ? "" : "s"}` : ""}
          </h2>
          <ExportViewLinks params={params} total={page.total} />
          {page.items.length === 0 ? (
            <p className="rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-700">
              Nothing matches these filters.
            </p>
          ) : (
            <>
              <p className="mb-1 text-xs text-slate-600 sm:hidden">
                Scroll the table sideways for the control, account and age.
              </p>
              {/* `relative`: the table's visually hidden labels are positioned inside the scroll box, not beside the page. */}
              <div
                className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
                tabIndex={0}
                aria-label="Findings table (scrolls sideways on small screens)"
              >
                <table className="w-full min-w-[56rem] text-left text-sm">
                  <thead className="bg-slate-50 text-xs uppercase text-slate-600">
                    <tr>
                      <th scope="col" className="px-3 py-2">
                        Severity
                      </th>
                      <th scope="col" className="px-3 py-2">
                        Status
                      </th>
                      <th scope="col" className="px-3 py-2">
                        Resource
                      </th>
                      <th scope="col" className="px-3 py-2">
                        Control
                      </th>
                      <th scope="col" className="px-3 py-2">
                        Account · Region
                      </th>
                      <th scope="col" className="px-3 py-2" title={`The value of the resource's ${ownerKey} tag`}>
                        Owner
                      </th>
                      <th scope="col" className="px-3 py-2" title="Days failing, counted to the newest scan shown">
                        Failing for
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((item) => (
                      <tr
                        key={`${item.snapshotId}/${item.findingId}`}
                        data-finding={`${item.snapshotId}/${item.findingId}`}
                        className="border-t border-slate-100 align-top"
                      >
                        <td className="px-3 py-2">
                          <SeverityBadge severity={item.severity} />
                        </td>
                        <td className="px-3 py-2">
                          <StatusPill status={item.status} />
                          {item.controlIncomplete && (
                            <span
                              className="mt-1 block text-xs text-violet-800"
                              title="Part of this control could not be judged in this scan: other resources may fail it too."
                            >
                              ? control incomplete
                            </span>
                          )}
                          <FindingMute
                            findingId={item.findingId}
                            status={item.status}
                            mute={item.mute}
                            label={`${item.resourceName ?? item.resourceArn} · ${item.controlId}`}
                            canMute={canMute}
                          />
                        </td>
                        <td className="max-w-xs px-3 py-2">
                          <div className="font-medium break-words">
                            {displayName({ resourceArn: item.resourceArn, name: item.resourceName ?? undefined })}
                          </div>
                          <div className="font-mono text-xs break-all text-slate-600">{item.resourceArn}</div>
                          {item.reason && <div className="mt-1 text-xs text-slate-700">{item.reason}</div>}
                        </td>
                        <td className="px-3 py-2">
                          <Link
                            className="text-blue-700 hover:underline"
                            href={`/services/${item.service}/controls/${item.controlId}?account=${item.accountId}`}
                          >
                            {item.controlTitle}
                          </Link>
                          <div className="font-mono text-xs text-slate-600">{item.controlId}</div>
                        </td>
                        <td className="px-3 py-2">
                          <div>{item.accountName ?? item.accountId}</div>
                          <div className="font-mono text-xs text-slate-600">
                            {item.accountName ? `${item.accountId} · ` : ""}
                            {item.region}
                          </div>
                        </td>
                        <td className="px-3 py-2 break-words">{ownerOf(item.tags, ownerKey)}</td>
                        <td className="px-3 py-2 whitespace-nowrap">
                          {item.firstSeen ? (
                            <time dateTime={item.firstSeen} title={item.firstSeen}>
                              {age(item.firstSeen, asOf)}
                            </time>
                          ) : (
                            "—"
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          <nav aria-label="Pages" className="mt-3 flex gap-3 text-sm">
            {params.get("cursor") && (
              <Link className="text-blue-700 hover:underline" href={withParams(params, { cursor: undefined })}>
                First page
              </Link>
            )}
            {page.nextCursor && (
              <Link className="text-blue-700 hover:underline" href={withParams(params, { cursor: page.nextCursor })}>
                Next {Math.min(page.items.length, page.total)} →
              </Link>
            )}
          </nav>
        </section>
      )}
    </>
  );
}
