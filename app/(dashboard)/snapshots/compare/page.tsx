import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { StatusPill } from "@/components/posture/status-pill";
import { SERVICE_NAMES } from "@/lib/inventory/common";
import { diffSnapshots, type ChangeKind } from "@/lib/snapshot/diff";
import { getSnapshot } from "@/lib/snapshot/get-snapshot";
import { hrefFor, type SearchParams } from "@/lib/snapshot/params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare snapshots" };

const ID = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const paramsSchema = z.object({ from: ID, to: ID });

const KIND_LABELS: Record<ChangeKind, string> = {
  "new-failure": "New failures",
  fixed: "Fixed",
  changed: "Other status changes",
  "new-resource": "New resources",
  gone: "Resources no longer present",
};

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const parsed = paramsSchema.safeParse(await searchParams);
  if (!parsed.success) notFound();
  const [from, to] = await Promise.all([getSnapshot(parsed.data.from), getSnapshot(parsed.data.to)]);
  if (!from || !to) notFound();
  const diff = diffSnapshots(from, to);
  const kinds = Object.keys(KIND_LABELS) as ChangeKind[];

  return (
    <>
      <Breadcrumbs
        items={[{ label: "Overview", href: "/" }, { label: "History", href: "/snapshots" }, { label: "Compare" }]}
      />
      <h1 className="mb-2 text-2xl font-bold">What changed</h1>
      <p className="mb-4 text-sm text-slate-700">
        From <span className="font-mono">{from.id}</span> ({from.finishedAt}) to{" "}
        <span className="font-mono">{to.id}</span> ({to.finishedAt}). Overall score {from.score ?? "—"} →{" "}
        {to.score ?? "—"}.
      </p>
      <ul className="mb-6 flex flex-wrap gap-3 text-sm" aria-label="Changes by kind">
        {kinds.map((k) => (
          <li key={k} className="rounded border border-slate-200 bg-white px-3 py-1">
            {KIND_LABELS[k]}: <strong>{diff.counts[k]}</strong>
          </li>
        ))}
      </ul>
      <h2 className="mb-2 text-lg font-bold">Scores by service</h2>
      <table className="mb-8 text-sm">
        <tbody>
          {diff.services.map((s) => (
            <tr key={s.id}>
              <th scope="row" className="pr-4 text-left font-normal">
                {SERVICE_NAMES[s.id]}
              </th>
              <td className="tabular-nums">
                {s.before ?? "—"} → {s.after ?? "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {kinds
        .filter((k) => diff.counts[k] > 0)
        .map((k) => (
          <section key={k} aria-labelledby={`kind-${k}`} className="mb-6">
            <h2 id={`kind-${k}`} className="mb-2 text-lg font-bold">
              {KIND_LABELS[k]} ({diff.counts[k]})
            </h2>
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
              {diff.changes
                .filter((c) => c.kind === k)
                .map((c) => (
                  <li
                    key={`${c.controlId}|${c.resourceArn}|${c.region}`}
                    className="flex flex-wrap items-center gap-2 px-3 py-2"
                  >
                    {c.before ? <StatusPill status={c.before} /> : <span className="text-slate-500">(none)</span>}
                    <span aria-hidden="true">→</span>
                    <span className="sr-only">became</span>
                    {c.after ? <StatusPill status={c.after} /> : <span className="text-slate-500">(gone)</span>}
                    <Link
                      href={hrefFor(`/services/${c.service}/controls/${c.controlId}`, to.id)}
                      className="text-blue-700 hover:underline"
                    >
                      {c.controlTitle}
                    </Link>
                    <span className="text-slate-600">· {c.reason}</span>
                  </li>
                ))}
            </ul>
          </section>
        ))}
    </>
  );
}
