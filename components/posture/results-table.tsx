"use client";

import { Fragment, useState } from "react";
import { age } from "@/components/findings/age";
import type { PageRow } from "@/components/findings/results-on-page";
import { accountLevelRegion, displayName, resourceId } from "@/lib/report/resource-label";
import type { MuteMark } from "@/lib/snapshot/mute";
import { StatusPill } from "./status-pill";

const COLUMNS = 6;

export function formatEvidence(value: NonNullable<PageRow["evidence"]>[string]): string {
  if (value === null) return "—";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "(none)";
  return String(value);
}

/** What a result's verdict rests on: its ARN, the field it is about, then each evidence field. */
export function EvidenceList({ row }: { row: Pick<PageRow, "resourceArn" | "field" | "evidence"> }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-xs sm:grid-cols-[max-content_1fr]">
      <dt className="font-medium text-slate-600">resourceArn</dt>
      <dd className="break-all font-mono">{row.resourceArn}</dd>
      {row.field !== undefined && (
        <>
          <dt className="font-medium text-slate-600">field</dt>
          <dd className="break-all font-mono">{row.field}</dd>
        </>
      )}
      {row.evidence ? (
        Object.entries(row.evidence).map(([field, value]) => (
          <Fragment key={field}>
            <dt className="font-medium text-slate-600">{field}</dt>
            <dd className="break-all font-mono">{formatEvidence(value)}</dd>
          </Fragment>
        ))
      ) : (
        // The index and the record are written together; a row without its result means a damaged record.
        <dd className="text-slate-600 sm:col-span-2">The snapshot record holds no evidence for this row.</dd>
      )}
    </dl>
  );
}

function MutedNote({ mute }: { mute: MuteMark }) {
  return (
    <p className="mt-1 text-xs text-slate-700">
      <span className="font-medium">Accepted risk</span> ({mute.owner}, until{" "}
      <time dateTime={mute.expiresAt}>{mute.expiresAt.slice(0, 10)}</time>): {mute.reason}
    </p>
  );
}

/**
 * One page of a control's results, as the findings query gave them (filtered, sorted and paged on the
 * server): status and the mute over it, resource name with its id, type and tags, Region, reason,
 * when it was first seen failing, and the evidence one click away. The rows come as plain data, a
 * page of them: this component only opens and closes their evidence.
 */
export function ResultsTable({
  rows,
  asOf,
}: {
  rows: readonly PageRow[];
  /** When the snapshot shown was taken: ages count to it. */
  asOf: number;
}) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <>
      {/*
        Below `sm` every row is a card (status, Region and age on one line, then the resource, the reason
        and the evidence at full width): nothing sits off-screen. From `sm` up it is a table that scrolls
        inside its own box when the window is narrower than it, never the page.
      */}
      <div
        className="relative rounded-lg border border-slate-200 bg-white sm:overflow-x-auto"
        tabIndex={0}
        aria-label="Resources table"
      >
        <table className="w-full text-left text-sm max-sm:block sm:min-w-[44rem]">
          <thead className="bg-slate-50 text-xs uppercase text-slate-600 max-sm:hidden">
            <tr>
              <th scope="col" className="px-3 py-2">
                Status
              </th>
              <th scope="col" className="px-3 py-2">
                Resource
              </th>
              <th scope="col" className="px-3 py-2">
                Region
              </th>
              <th scope="col" className="px-3 py-2">
                Reason
              </th>
              <th scope="col" className="px-3 py-2" title="First found failing in the stored history, and for how long">
                First seen
              </th>
              <th scope="col" className="px-3 py-2">
                Evidence
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 max-sm:block">
            {rows.length === 0 && (
              <tr className="max-sm:block">
                <td colSpan={COLUMNS} className="px-3 py-6 text-center text-slate-600 max-sm:block">
                  No resources match.
                </td>
              </tr>
            )}
            {rows.map((row) => {
              const name = displayName({ resourceArn: row.resourceArn, name: row.resourceName ?? undefined });
              // A Region-level row's id is "*": its name already says which Region, so no id beside it.
              const id = accountLevelRegion(row.resourceArn) === null ? resourceId(row.resourceArn) : name;
              const isOpen = open.has(row.findingId);
              const panelId = `evidence-${row.findingId}`;
              return (
                <Fragment key={row.findingId}>
                  <tr className="align-top max-sm:flex max-sm:flex-wrap max-sm:items-start max-sm:gap-x-3 max-sm:gap-y-1 max-sm:px-3 max-sm:py-2">
                    <td className="px-3 py-2 max-sm:p-0">
                      <StatusPill status={row.status} />
                      {row.mute && (
                        <div className="mt-1">
                          <span
                            className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-800"
                            title={`Muted by ${row.mute.owner} until ${row.mute.expiresAt}`}
                          >
                            Muted
                          </span>
                        </div>
                      )}
                    </td>
                    <td className="px-3 py-2 max-sm:order-1 max-sm:basis-full max-sm:p-0">
                      <div className="font-medium break-words">{name}</div>
                      {/* The id beside the name: names need not be unique, and the ARN is what AWS tools take. */}
                      <div className="text-xs text-slate-600" title={row.resourceArn}>
                        {id !== name && <span className="break-all font-mono">{id} · </span>}
                        {row.resourceType}
                      </div>
                      {row.tags.length > 0 && (
                        <ul aria-label="Tags" className="mt-1 flex flex-wrap gap-1">
                          {row.tags.map((tag) => (
                            <li
                              key={`${tag.key}=${tag.value}`}
                              className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all text-slate-700"
                            >
                              {tag.key}={tag.value}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap max-sm:p-0">{row.region}</td>
                    <td className="px-3 py-2 break-words max-sm:order-2 max-sm:basis-full max-sm:p-0">
                      {row.reason}
                      {row.mute && <MutedNote mute={row.mute} />}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap max-sm:p-0">
                      {row.firstSeen ? (
                        <>
                          <span className="text-xs text-slate-600 sm:hidden">First seen </span>
                          <time dateTime={row.firstSeen} title={row.firstSeen}>
                            {row.firstSeen.slice(0, 10)}
                          </time>
                          <div className="text-xs text-slate-600 max-sm:ml-1 max-sm:inline">
                            {age(row.firstSeen, asOf)}
                          </div>
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="px-3 py-2 max-sm:order-3 max-sm:p-0">
                      <button
                        type="button"
                        className="text-blue-700 hover:underline"
                        aria-expanded={isOpen}
                        aria-controls={panelId}
                        onClick={() => toggle(row.findingId)}
                      >
                        {isOpen ? "Hide" : "Show"}
                        <span className="sr-only"> evidence for {name}</span>
                      </button>
                    </td>
                  </tr>
                  {isOpen && (
                    <tr id={panelId} className="bg-slate-50 max-sm:block">
                      <td colSpan={COLUMNS} className="px-3 py-3 max-sm:block">
                        <EvidenceList row={row} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
