import { Card } from "@/components/ui/card";
import type { PageRow } from "@/components/findings/results-on-page";
import { remediationFor, type FilledRemediation, type FilledSnippet } from "@/lib/remediation";

/** Statuses whose rows get a filled fix: the ones there is something to fix on. */
const FIXABLE = new Set<PageRow["status"]>(["fail", "warn"]);

function Snippets({ title, snippets }: { title: string; snippets: FilledSnippet[] }) {
  if (snippets.length === 0) return null;
  return (
    <div className="mt-3">
      <h3 className="text-sm font-semibold text-slate-700">{title}</h3>
      <ol className="mt-1 space-y-2">
        {snippets.map((s, i) => (
          <li key={i}>
            <p className="text-sm text-slate-700">{s.label}</p>
            <pre
              tabIndex={0}
              className="mt-1 max-w-full rounded bg-slate-900 p-3 text-xs whitespace-pre-wrap text-slate-100 [overflow-wrap:anywhere]"
            >
              <code>{s.code}</code>
            </pre>
            {s.note && <p className="mt-1 text-xs text-slate-600">{s.note}</p>}
            {s.toReplace.length > 0 && (
              <p className="mt-1 text-xs text-slate-600">
                Replace: <span className="font-mono">{s.toReplace.join(", ")}</span>
              </p>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

function FixBody({ fix }: { fix: FilledRemediation }) {
  return (
    <>
      <Snippets title="AWS CLI" snippets={fix.cli} />
      <Snippets title="Terraform" snippets={fix.terraform} />
      <Snippets title="CloudFormation" snippets={fix.cloudformation} />
    </>
  );
}

/**
 * The control's fix once, with its placeholders (REGION, USER_POOL_ID…): whether the setting can be
 * changed in place, the path in words when it cannot, and the snippets. Every snippet is marked as a
 * suggestion to review.
 */
export function ControlFix({ controlId, responsibility }: { controlId: string; responsibility: "customer" | "aws" }) {
  const fix = remediationFor({ id: controlId });
  if (!fix) return null;
  const hasCode = fix.cli.length + fix.terraform.length + fix.cloudformation.length > 0;
  // AWS's side of the shared responsibility model: nothing to fix, rather than "no in-place fix".
  const verdict =
    responsibility === "aws"
      ? "Nothing to fix on your side."
      : fix.inPlace
        ? "Can be fixed in place."
        : "No in-place fix.";
  return (
    <Card className="mb-8">
      <h2 className="mb-2 font-bold" id="fix-heading">
        Fix
      </h2>
      <p className="text-sm font-semibold text-slate-800">{verdict}</p>
      {fix.steps && <p className="mt-1 text-slate-800">{fix.steps}</p>}
      {hasCode && (
        <>
          <p role="note" className="mt-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {fix.notice} Each failing resource below has its own filled-in commands under “Fix…”.
          </p>
          <FixBody fix={fix} />
        </>
      )}
    </Card>
  );
}

/**
 * The filled fix of each failing or warning row on this page (never other pages: the page stays the
 * size of one page), each folded in a <details> so the table stays readable.
 */
export function RowFixes({ controlId, rows }: { controlId: string; rows: readonly PageRow[] }) {
  const fixes = rows
    .filter((row) => FIXABLE.has(row.status))
    .map((row) => ({
      row,
      fix: remediationFor(
        { id: controlId },
        {
          resourceArn: row.resourceArn,
          region: row.region,
          name: row.resourceName,
          ...(row.field !== undefined ? { field: row.field } : {}),
          evidence: row.evidence,
        },
      ),
    }))
    .filter(({ fix }) => fix && fix.cli.length + fix.terraform.length + fix.cloudformation.length > 0);
  if (fixes.length === 0) return null;
  return (
    <section aria-labelledby="row-fixes-heading" className="mt-4">
      <h3 id="row-fixes-heading" className="mb-1 text-sm font-bold">
        Fixes for the resources on this page
      </h3>
      <p className="mb-2 text-xs text-slate-600">{fixes[0]!.fix!.notice}</p>
      <ul className="space-y-1">
        {fixes.map(({ row, fix }) => (
          <li key={row.findingId}>
            <details className="rounded border border-slate-200 bg-white px-3 py-2 text-sm">
              <summary className="cursor-pointer">
                Fix… <span className="font-medium">{row.resourceName ?? row.resourceArn}</span>
                {row.field ? <span className="text-slate-600"> · {row.field}</span> : null}
                <span className="text-slate-500"> ({row.region})</span>
              </summary>
              <FixBody fix={fix!} />
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
