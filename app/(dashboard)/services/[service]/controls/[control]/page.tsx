import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExportViewLinks } from "@/components/findings/export-view-links";
import { ANY, FilterInput, FilterSelect } from "@/components/findings/filter-select";
import { filterChoices, pageRows } from "@/components/findings/results-on-page";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { DemoTag } from "@/components/posture/demo-tag";
import { ResultsTable } from "@/components/posture/results-table";
import { SeverityBadge } from "@/components/posture/severity-badge";
import { OlderSnapshotNote, SnapshotLine } from "@/components/posture/snapshot-header";
import { StatusPill } from "@/components/posture/status-pill";
import { UnreadableNotice } from "@/components/posture/unreadable-notice";
import { Card } from "@/components/ui/card";
import { CONTROLS } from "@/lib/controls/registry";
import { seedPage } from "@/lib/controls/seeds";
import { STATUS_LABELS, STATUSES } from "@/lib/controls/types";
import {
  CONTROL_DEFAULT_SORT,
  findingsViewParams,
  issuesText,
  paramsOf,
  parseControlView,
  withParams,
} from "@/lib/findings-url";
import { isServiceId, SERVICE_NAMES } from "@/lib/inventory/common";
import { readFindings } from "@/lib/read/findings";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import type { SearchParams } from "@/lib/snapshot/params";
import { AccountProblem } from "../../../../accounts/account-problem";
import { loadSnapshot } from "../../../../load";
import { ControlFix, RowFixes } from "./fix";

export const dynamic = "force-dynamic";

/** The orders that tell rows of one control apart (severity, control and account are the same on every row). */
const SORT_CHOICES = [
  { value: "status", label: "Status, worst first" },
  { value: "-status", label: "Status (reversed)" },
  { value: "resource", label: "Resource name" },
  { value: "-resource", label: "Resource name (reversed)" },
  { value: "region", label: "Region" },
  { value: "-region", label: "Region (reversed)" },
  { value: "firstSeen", label: "First seen, oldest first" },
  { value: "-firstSeen", label: "First seen (reversed)" },
];

/** The choices, and the order the address holds when it is another one (`sort=severity`), so Apply keeps it. */
function sortChoices(current: string): { value: string; label: string }[] {
  return !current || SORT_CHOICES.some((c) => c.value === current)
    ? SORT_CHOICES
    : [...SORT_CHOICES, { value: current, label: current }];
}

type Props = { params: Promise<{ service: string; control: string }>; searchParams: Promise<SearchParams> };

/**
 * The tab says which control, in words: the catalog's title, or the snapshot's for a control the
 * catalog no longer has. An unknown id is not echoed back as if it were a page.
 */
export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { service, control: controlId } = await params;
  if (!isServiceId(service)) return { title: "Control not found" };
  const known = CONTROLS.find((c) => c.meta.id === controlId && c.meta.service === service);
  if (known) return { title: known.meta.title };
  const loaded = await loadSnapshot(searchParams);
  const stored = loaded.ok
    ? loaded.snapshot.controls.find((c) => c.id === controlId && c.service === service)
    : undefined;
  return { title: stored?.title ?? "Control not found" };
}

export default async function ControlPage({ params, searchParams }: Props) {
  const { service, control: controlId } = await params;
  if (!isServiceId(service)) notFound();
  const loaded = await loadSnapshot(searchParams);
  if (!loaded.ok) return <AccountProblem heading={SERVICE_NAMES[service]} problem={loaded.problem} />;
  const { snapshot, notice, href } = loaded;
  const control = snapshot.controls.find((c) => c.id === controlId && c.service === service);
  if (!control) notFound();
  const page = seedPage(control.seed.file);

  // The results are one page of the findings query over this snapshot and control, as /findings reads
  // them: the HTML holds one page whatever the control holds, and the view is all in the address.
  const query = paramsOf(await searchParams);
  const path = `/services/${service}/controls/${control.id}`;
  const scope = { snapshotId: snapshot.id, controlId: control.id };
  const parsed = parseControlView(query, scope);
  const answer = parsed.ok ? await readFindings(snapshotStore(), parsed.request) : undefined;
  const problem = !parsed.ok ? issuesText(parsed.issues) : answer && !answer.ok ? answer.message : undefined;
  const found = answer?.ok ? answer.page : undefined;
  const rows = found ? pageRows(control, found.items) : [];
  const choices = filterChoices(control);
  const get = (key: string) => query.get(key) ?? "";
  const view = findingsViewParams(query, scope);

  return (
    <>
      <Breadcrumbs
        items={[
          { label: "Overview", href: href("/") },
          { label: SERVICE_NAMES[service], href: href(`/services/${service}`) },
          { label: control.title },
        ]}
      />
      <UnreadableNotice notice={notice} />
      <div className="mb-3">
        <OlderSnapshotNote older={loaded.older} path={`/services/${service}/controls/${control.id}`} />
      </div>
      <h1 className="text-2xl font-bold break-words">{control.title}</h1>
      <div className="mt-2 mb-6 flex flex-wrap items-center gap-2 text-sm">
        <DemoTag source={snapshot.source} />
        <StatusPill status={control.status} incomplete={control.incomplete} />
        <SeverityBadge severity={control.severity} />
        <span className="font-mono break-all text-slate-600">{control.id}</span>
        <span className="text-slate-600">
          · Responsibility: {control.responsibility === "aws" ? "AWS (shared responsibility model)" : "Customer"}
        </span>
      </div>
      {/* Account and scan time on the page itself: a screenshot of it in a ticket still says when and where. */}
      <SnapshotLine snapshot={snapshot} />
      <p className="mb-6 text-slate-700">{control.summary}</p>
      {control.muted && (
        <p role="note" className="-mt-4 mb-6 text-sm text-slate-700">
          {control.muted.results} result{control.muted.results === 1 ? " is" : "s are"} muted (accepted risks) and left
          out of this status; before the mutes the scan gave <StatusPill status={control.muted.statusBeforeMutes} />.
        </p>
      )}

      <div className="mb-8 grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 font-bold">What AWS recommends</h2>
          <figure>
            <blockquote cite={page?.url} className="border-l-4 border-slate-300 pl-3 italic text-slate-800">
              “{control.seed.quote}”
            </blockquote>
            <figcaption className="mt-2 text-sm text-slate-600">
              {page ? (
                <a href={page.url} className="text-blue-700 hover:underline" rel="noreferrer">
                  {page.title}
                </a>
              ) : (
                "AWS documentation"
              )}
            </figcaption>
          </figure>
        </Card>
        <Card>
          <h2 className="mb-2 font-bold">Remediation</h2>
          <p className="text-slate-800">{control.remediation.text}</p>
          <p className="mt-2 text-sm">
            <a href={control.remediation.url} className="text-blue-700 hover:underline" rel="noreferrer">
              AWS documentation for this fix
            </a>
          </p>
          {control.docs.length > 0 && (
            <ul className="mt-2 list-disc pl-5 text-sm">
              {control.docs.map((url) => (
                <li key={url}>
                  <a href={url} className="break-all text-blue-700 hover:underline" rel="noreferrer">
                    {url}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <ControlFix controlId={control.id} responsibility={control.responsibility} />

      <section aria-labelledby="results-heading" className="mb-8">
        <h2 id="results-heading" className="mb-3 text-lg font-bold">
          Resources
        </h2>
        {control.results.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 bg-white p-4 text-slate-600">
            {control.summary}
          </p>
        ) : (
          <>
            <form
              method="get"
              action={path}
              aria-label="Filter resources"
              className="mb-3 grid gap-2 text-sm sm:grid-cols-2 lg:grid-cols-3"
            >
              <FilterInput
                label="Search resources"
                name="q"
                value={get("q")}
                placeholder="Name, ARN or reason"
                type="search"
              />
              <FilterSelect
                label="Status"
                name="status"
                value={get("status")}
                choices={[
                  { value: "", label: `All (${control.results.length})` },
                  ...STATUSES.map((s) => ({ value: s, label: `${STATUS_LABELS[s]} (${choices.counts[s]})` })),
                ]}
              />
              <FilterSelect
                label="Region"
                name="region"
                value={get("region")}
                choices={[ANY, ...choices.regions.map((r) => ({ value: r, label: r }))]}
              />
              <FilterInput label="Tag" name="tag" value={get("tag")} placeholder="key or key:value" />
              <FilterSelect
                label="Muted"
                name="muted"
                value={get("muted")}
                choices={[ANY, { value: "false", label: "Not muted" }, { value: "true", label: "Muted only" }]}
              />
              <label className="flex flex-col">
                <span className="text-slate-700">Order</span>
                <span className="flex gap-1">
                  <select
                    name="sort"
                    aria-label="Order"
                    defaultValue={get("sort") || CONTROL_DEFAULT_SORT}
                    className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1"
                  >
                    {sortChoices(get("sort")).map((c) => (
                      <option key={c.value} value={c.value}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="rounded bg-slate-900 px-3 py-1 text-white">
                    Apply
                  </button>
                </span>
              </label>
              {/* What the page shows (snapshot, account, a valid page size) stays; the cursor does not: new filters start at page 1. */}
              {["snapshot", "account", ...(parsed.ok ? ["limit"] : [])].map((key) =>
                get(key) ? <input key={key} type="hidden" name={key} value={get(key)} /> : null,
              )}
            </form>
            {problem && (
              <p
                role="alert"
                className="mb-3 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900"
              >
                {problem}{" "}
                <Link href={href(path)} className="underline">
                  Show every resource
                </Link>
              </p>
            )}
            {found && (
              <>
                <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-sm">
                  <p className="text-slate-700">
                    {found.total.toLocaleString("en-US")} of {control.results.length.toLocaleString("en-US")} resources
                    match
                    {found.items.length < found.total ? ` · ${found.items.length} on this page` : ""}
                    {" · "}
                    <Link href={`/findings?${view.toString()}`} className="text-blue-700 underline">
                      Open in Findings
                    </Link>
                  </p>
                  <ExportViewLinks params={view} total={found.total} />
                </div>
                <ResultsTable rows={rows} asOf={Date.parse(snapshot.finishedAt)} />
                <RowFixes controlId={control.id} rows={rows} />
                <nav aria-label="Pages" className="mt-3 flex gap-3 text-sm">
                  {query.get("cursor") && (
                    <Link
                      className="text-blue-700 hover:underline"
                      href={withParams(query, { cursor: undefined }, path)}
                    >
                      First page
                    </Link>
                  )}
                  {found.nextCursor && (
                    <Link
                      className="text-blue-700 hover:underline"
                      href={withParams(query, { cursor: found.nextCursor }, path)}
                    >
                      Next page →
                    </Link>
                  )}
                </nav>
              </>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="about-heading" className="text-sm text-slate-700">
        <h2 id="about-heading" className="mb-2 font-bold">
          How this is checked
        </h2>
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-500">Resource type</dt>
          <dd>{control.resourceType}</dd>
          <dt className="text-slate-500">IAM actions read</dt>
          <dd className="font-mono text-xs">{control.requires.join(", ") || "none (no API call)"}</dd>
          {control.related.length > 0 && (
            <>
              <dt className="text-slate-500">Same check elsewhere</dt>
              <dd>{control.related.join(" · ")}</dd>
            </>
          )}
        </dl>
      </section>
    </>
  );
}
