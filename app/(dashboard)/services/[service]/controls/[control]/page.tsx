import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { DemoTag } from "@/components/posture/demo-tag";
import { ResultsTable } from "@/components/posture/results-table";
import { SeverityBadge } from "@/components/posture/severity-badge";
import { StatusPill } from "@/components/posture/status-pill";
import { UnreadableNotice } from "@/components/posture/unreadable-notice";
import { Card } from "@/components/ui/card";
import { seedPage } from "@/lib/controls/seeds";
import { isServiceId, SERVICE_NAMES } from "@/lib/inventory/common";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import { findingHistory } from "@/lib/snapshot/history";
import type { SearchParams } from "@/lib/snapshot/params";
import type { Sighting } from "@/lib/snapshot/store";
import { AccountProblem } from "../../../../accounts/account-problem";
import { loadSnapshot } from "../../../../load";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ service: string; control: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { control } = await params;
  return { title: control.slice(0, 80) };
}

export default async function ControlPage({ params, searchParams }: Props) {
  const { service, control: controlId } = await params;
  if (!isServiceId(service)) notFound();
  const loaded = await loadSnapshot(searchParams);
  if (!loaded.ok) return <AccountProblem heading={SERVICE_NAMES[service]} problem={loaded.problem} />;
  const { snapshot, notice, href } = loaded;
  const control = snapshot.controls.find((c) => c.id === controlId && c.service === service);
  if (!control) notFound();
  const failing = control.results.filter((r) => r.status === "fail" || r.status === "warn");
  const seen =
    failing.length > 0
      ? await findingHistory(
          snapshotStore(),
          snapshot,
          failing.map((r) => r.findingId),
        )
      : new Map<string, Sighting>();
  const page = seedPage(control.seed.file);

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
      <h1 className="text-2xl font-bold">{control.title}</h1>
      <div className="mt-2 mb-6 flex flex-wrap items-center gap-2 text-sm">
        <DemoTag source={snapshot.source} />
        <StatusPill status={control.status} incomplete={control.incomplete} />
        <SeverityBadge severity={control.severity} />
        <span className="font-mono text-slate-600">{control.id}</span>
        <span className="text-slate-600">
          · Responsibility: {control.responsibility === "aws" ? "AWS (shared responsibility model)" : "Customer"}
        </span>
      </div>
      <p className="mb-6 text-slate-700">{control.summary}</p>

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
              )}{" "}
              <span className="font-mono text-xs">({control.seed.file})</span>
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

      <section aria-labelledby="results-heading" className="mb-8">
        <h2 id="results-heading" className="mb-3 text-lg font-bold">
          Resources
        </h2>
        {control.results.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 bg-white p-4 text-slate-600">
            {control.summary}
          </p>
        ) : (
          <ResultsTable results={control.results} exportBase={{ snapshotId: snapshot.id, control: control.id }} />
        )}
      </section>

      {failing.length > 0 && (
        <section aria-labelledby="first-seen-heading" className="mb-8 text-sm">
          <h2 id="first-seen-heading" className="mb-2 font-bold">
            First seen
          </h2>
          <p className="mb-2 text-slate-600">
            When each failing resource was first found failing in the stored history of account {snapshot.account.id},
            up to this snapshot.
          </p>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {failing.map((r) => (
              <li key={r.findingId} className="flex flex-wrap gap-2 px-3 py-1.5">
                <span className="break-all">{r.name ?? r.resourceArn}</span>
                <span className="text-slate-500">({r.region})</span>
                <span className="ml-auto whitespace-nowrap tabular-nums">
                  {seen.get(r.findingId)?.firstSeen.slice(0, 10) ?? "—"}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

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
