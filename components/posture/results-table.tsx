"use client";

import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from "@tanstack/react-table";
import { Fragment, useMemo, useState } from "react";
import { STATUS_LABELS, STATUSES, type Status } from "@/lib/controls/types";
import { displayName, matchesQuery, resourceId } from "@/lib/report/resource-label";
import type { SnapshotResult } from "@/lib/snapshot/schema";
import { exportHref } from "./export-links";
import { StatusPill } from "./status-pill";

const STATUS_RANK = new Map<string, number>(["fail", "error", "warn", "pass", "not-applicable"].map((s, i) => [s, i]));
const column = createColumnHelper<SnapshotResult>();

function formatEvidence(value: SnapshotResult["evidence"][string]): string {
  if (value === null) return "—";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "(none)";
  return String(value);
}

/** Per-resource results: filter by status, search, sort; each row's evidence one click away. */
export function ResultsTable({
  results,
  exportBase,
}: {
  results: SnapshotResult[];
  exportBase?: { snapshotId: string; control: string };
}) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "status", desc: false }]);
  const [statusFilter, setStatusFilter] = useState<Status | "all">("all");
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState<Set<string>>(new Set());

  const data = useMemo(
    () => (statusFilter === "all" ? results : results.filter((r) => r.status === statusFilter)),
    [results, statusFilter],
  );
  const columns = useMemo(
    () => [
      column.accessor("status", {
        header: "Status",
        cell: (info) => <StatusPill status={info.getValue()} />,
        sortingFn: (a, b) => (STATUS_RANK.get(a.original.status) ?? 0) - (STATUS_RANK.get(b.original.status) ?? 0),
      }),
      column.accessor((r) => displayName(r), {
        id: "resource",
        header: "Resource",
        cell: (info) => {
          const r = info.row.original;
          const id = resourceId(r.resourceArn);
          return (
            <div>
              <div className="font-medium">{info.getValue()}</div>
              {/* The id beside the name: names need not be unique, and the ARN is what AWS tools take. */}
              <div className="text-xs text-slate-500" title={r.resourceArn}>
                {id !== info.getValue() && <span className="break-all font-mono">{id} · </span>}
                {r.resourceType}
              </div>
              {r.tags && r.tags.length > 0 && (
                <ul aria-label="Tags" className="mt-1 flex flex-wrap gap-1">
                  {r.tags.map((tag) => (
                    <li
                      key={`${tag.key}=${tag.value}`}
                      className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700"
                    >
                      {tag.key}={tag.value}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        },
      }),
      column.accessor("region", {
        header: "Region",
        cell: (info) => <span className="whitespace-nowrap">{info.getValue()}</span>,
      }),
      column.accessor("reason", { header: "Reason", enableSorting: false }),
    ],
    [],
  );
  // The app does not use the React Compiler; TanStack Table manages its own memoisation.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter: query },
    onSortingChange: setSorting,
    onGlobalFilterChange: setQuery,
    globalFilterFn: (row, _columnId, value: string) => matchesQuery(row.original, value),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const toggle = (key: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const rows = table.getRowModel().rows;

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">Status</span>
          <select
            className="rounded border border-slate-300 bg-white px-2 py-1"
            value={statusFilter}
            onChange={(e) => setStatusFilter(e.target.value as Status | "all")}
          >
            <option value="all">All ({results.length})</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]} ({results.filter((r) => r.status === s).length})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">Search resources</span>
          <input
            type="search"
            className="w-64 rounded border border-slate-300 px-2 py-1"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Name, ARN, tag, region or reason"
          />
        </label>
        <p className="ml-auto text-slate-600" aria-live="polite">
          {rows.length} of {results.length} resources
        </p>
        {exportBase && (
          <nav aria-label="Export these resources" className="flex gap-2">
            {(["csv", "json"] as const).map((format) => (
              <a
                key={format}
                download
                className="rounded border border-slate-300 bg-white px-2 py-1 font-medium hover:bg-slate-100"
                href={exportHref(exportBase.snapshotId, {
                  format,
                  scope: "results",
                  control: exportBase.control,
                  status: statusFilter === "all" ? undefined : statusFilter,
                  q: query || undefined,
                })}
              >
                {format.toUpperCase()}
              </a>
            ))}
          </nav>
        )}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className="px-3 py-2"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="uppercase hover:underline"
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden="true">{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}</span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
                <th scope="col" className="px-3 py-2">
                  Evidence
                </th>
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-slate-500">
                  No resources match.
                </td>
              </tr>
            )}
            {rows.map((row) => {
              const key = `${row.original.resourceArn}|${row.original.region}|${row.index}`;
              const isOpen = open.has(key);
              const panelId = `evidence-${row.id}`;
              return (
                <Fragment key={key}>
                  <tr className="align-top">
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id} className="px-3 py-2">
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                    <td className="px-3 py-2">
                      <button
                        type="button"
                        className="text-blue-700 hover:underline"
                        aria-expanded={isOpen}
                        aria-controls={panelId}
                        onClick={() => toggle(key)}
                      >
                        {isOpen ? "Hide" : "Show"}
                        <span className="sr-only"> evidence for {displayName(row.original)}</span>
                      </button>
                    </td>
                  </tr>
                  {isOpen && (
                    <tr id={panelId} className="bg-slate-50">
                      <td colSpan={5} className="px-3 py-3">
                        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-xs sm:grid-cols-[max-content_1fr]">
                          <dt className="font-medium text-slate-600">resourceArn</dt>
                          <dd className="break-all font-mono">{row.original.resourceArn}</dd>
                          {Object.entries(row.original.evidence).map(([field, value]) => (
                            <Fragment key={field}>
                              <dt className="font-medium text-slate-600">{field}</dt>
                              <dd className="break-all font-mono">{formatEvidence(value)}</dd>
                            </Fragment>
                          ))}
                        </dl>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
