/**
 * The organization report as a PDF: a summary across accounts (landscape, for the accounts × services
 * table), then one section per account built from the single-snapshot report's pieces (per-service
 * table, coverage, failing controls). Pure apart from the fonts pdf.tsx registers: summary in, bytes out.
 *
 * Rendered in one pass: the contents are the summary table's account names, linked to their sections,
 * and the PDF outline (one bookmark per account). A second pass for printed page numbers would double
 * the render time of a report that is already long for a large organization.
 */
import { Document, Link, Page, renderToBuffer, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { SEVERITY_LABELS, type Severity } from "@/lib/controls/types";
import { shortServiceName } from "@/lib/inventory/common";
import { scoreLabel, scoreLevel } from "@/lib/posture/score";
import type { SnapshotControl } from "@/lib/snapshot/schema";
import { accountLabel, bySeverity, type AccountFacts, type OrganizationSummary } from "./organization-summary";
import { COLOURS, ControlBlock, CoverageDetails, formatTime, s, ServiceScoreTable, StatusText, SYMBOLS } from "./pdf";
import { plural } from "./pdf-text";
import { displayName } from "./resource-label";

/** Non-passing resources printed per failing control in an account's section; the CSV lists them all. */
export const ORG_RESOURCES_PER_CONTROL = 3;
/**
 * Failing controls of these severities get the single-snapshot report's full block (resources and
 * remediation); the others one line each. Blocks are what a report's render time and size grow with,
 * and an organization report has one section per account.
 */
const FULL_BLOCK_SEVERITIES: ReadonlySet<Severity> = new Set(["critical", "high"]);
/** Failed calls printed per account; the account's own report lists them all. */
export const ORG_ERRORS_PER_ACCOUNT = 8;

/** Score bands as cell backgrounds (as on the organization page); each cell also says its band in words. */
const BAND_FILL = { good: "#dcfce7", fair: "#fef3c7", poor: "#fee2e2", none: "#f1f5f9" } as const;

const anchor = (accountId: string) => `account-${accountId}`;

function OrgFrame({
  summary,
  right,
  landscape = false,
  bookmark,
  children,
}: {
  summary: OrganizationSummary;
  right: string;
  landscape?: boolean;
  bookmark: string;
  children: ReactNode;
}) {
  return (
    <Page size="A4" orientation={landscape ? "landscape" : "portrait"} style={s.page} bookmark={bookmark}>
      <View style={s.header} fixed>
        <Text>
          Safekeep organization report · generated {formatTime(summary.generatedAt)}
          {summary.ou ? ` · ${summary.ou}` : ""}
        </Text>
        <Text>{right}</Text>
      </View>
      {children}
      <View style={s.footer} fixed>
        <Text>
          Status: ✓ pass · ✗ fail · ! warning · – not applicable · ? error (could not be judged, no credit) · — no score
        </Text>
        <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
      </View>
    </Page>
  );
}

/** A score with its band in words and its unverified share; "no score" (never 0) when there is none. */
function ScoreCell({
  score,
  unverified,
  evaluated = true,
  width,
}: {
  score: number | null;
  unverified: number;
  evaluated?: boolean;
  width: number;
}) {
  if (!evaluated) {
    return (
      <View style={{ width, paddingHorizontal: 2 }}>
        <Text style={{ fontSize: 7, color: "#64748b" }}>not evaluated</Text>
      </View>
    );
  }
  const level = scoreLevel(score);
  return (
    <View style={{ width, paddingHorizontal: 2 }}>
      <View style={{ backgroundColor: BAND_FILL[level], borderRadius: 2, paddingHorizontal: 3, paddingVertical: 1 }}>
        <Text>
          <Text style={s.bold}>{score ?? "—"}</Text>{" "}
          <Text style={{ fontSize: 6.5, color: "#334155" }}>{scoreLabel(score)}</Text>
        </Text>
        {unverified > 0 && <Text style={{ fontSize: 6, color: COLOURS.error }}>?{unverified}% unverified</Text>}
      </View>
    </View>
  );
}

// Landscape A4 leaves 762 pt between the margins.
const COL = { account: 118, overall: 66, service: 66, critical: 56, coverage: 70, scanned: 56 } as const;

function AccountCell({ account }: { account: AccountFacts }) {
  return (
    <View style={{ width: COL.account, paddingRight: 4 }}>
      <Link src={`#${anchor(account.accountId)}`} style={[s.link, s.bold]}>
        {accountLabel(account)}
      </Link>
      {account.name !== null && <Text style={{ fontSize: 7, color: "#64748b" }}>{account.accountId}</Text>}
      {account.ou !== null && <Text style={{ fontSize: 6.5, color: "#64748b" }}>{account.ou}</Text>}
      {account.source === "demo" && <Text style={{ fontSize: 6.5, color: "#b45309" }}>DEMO DATA</Text>}
    </View>
  );
}

function AccountsTable({ summary }: { summary: OrganizationSummary }) {
  return (
    <View>
      <View style={[s.headRow, { fontSize: 7.5 }]} fixed>
        <Text style={{ width: COL.account }}>Account</Text>
        <Text style={{ width: COL.overall }}>Overall</Text>
        {summary.services.map((sv) => (
          <Text key={sv.id} style={{ width: COL.service }}>
            {shortServiceName(sv.id)}
          </Text>
        ))}
        <Text style={{ width: COL.critical }}>Critical</Text>
        <Text style={{ width: COL.coverage }}>Coverage</Text>
        <Text style={{ width: COL.scanned }}>Scanned (UTC)</Text>
      </View>
      {summary.accounts.map((account) => (
        <View key={account.accountId} style={s.row} wrap={false}>
          <AccountCell account={account} />
          <ScoreCell score={account.score} unverified={account.scoreUnverified} width={COL.overall} />
          {account.services.map((sv) => (
            <ScoreCell
              key={sv.id}
              score={sv.score}
              unverified={sv.unverified}
              evaluated={sv.evaluated}
              width={COL.service}
            />
          ))}
          <View style={{ width: COL.critical }}>
            <Text style={account.critical.failing > 0 ? [s.bold, { color: COLOURS.fail }] : {}}>
              {account.critical.failing > 0 ? `${SYMBOLS.fail} ` : ""}
              {account.critical.failing} failing
            </Text>
            {account.critical.unchecked > 0 && (
              <Text style={{ fontSize: 6.5, color: COLOURS.error }}>? {account.critical.unchecked} unchecked</Text>
            )}
          </View>
          <View style={{ width: COL.coverage, fontSize: 7 }}>
            <CoverageLine account={account} />
          </View>
          <Text style={{ width: COL.scanned, fontSize: 7.5 }}>{formatTime(account.scannedAt).replace(" UTC", "")}</Text>
        </View>
      ))}
      <View style={[s.row, { borderBottom: "1pt solid #94a3b8" }]} wrap={false}>
        <View style={{ width: COL.account }}>
          <Text style={s.bold}>Mean of scored</Text>
          <Text style={{ fontSize: 6.5, color: "#64748b" }}>accounts without a score left out</Text>
        </View>
        <View style={{ width: COL.overall }}>
          <ScoreCell
            score={summary.score?.mean ?? null}
            unverified={summary.score?.unverified ?? 0}
            width={COL.overall}
          />
          <Text style={{ fontSize: 6.5, color: "#64748b", paddingHorizontal: 2 }}>
            {summary.score?.scored ?? 0} scored
            {summary.notScored.length > 0 ? ` · ${summary.notScored.length} no score` : ""}
          </Text>
        </View>
        {summary.services.map((sv) => (
          <View key={sv.id} style={{ width: COL.service }}>
            <ScoreCell score={sv.mean} unverified={sv.unverified} width={COL.service} />
            <Text style={{ fontSize: 6.5, color: "#64748b", paddingHorizontal: 2 }}>
              {sv.scored} scored
              {sv.unscored > 0 ? ` · ${sv.unscored} no score` : ""}
              {sv.notEvaluated > 0 ? ` · ${sv.notEvaluated} not evaluated` : ""}
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}

/** Failed calls, denied actions and skipped Regions of one account, in a few words. */
function CoverageLine({ account }: { account: AccountFacts }) {
  const { failedCalls, deniedActions, skippedRegions } = account.coverage;
  if (failedCalls === 0 && skippedRegions === 0) return <Text style={{ color: "#64748b" }}>complete</Text>;
  return (
    <>
      {failedCalls > 0 && <Text style={{ color: COLOURS.error }}>? {plural(failedCalls, "failed call")}</Text>}
      {deniedActions.length > 0 && (
        <Text style={{ color: COLOURS.error }}>{plural(deniedActions.length, "action")} denied</Text>
      )}
      {skippedRegions > 0 && <Text style={{ color: "#64748b" }}>{plural(skippedRegions, "Region")} not scanned</Text>}
    </>
  );
}

function scoreSentence(summary: OrganizationSummary): string {
  const notScored = summary.notScored.length;
  const left =
    notScored === 0
      ? "Every account has a score."
      : `${notScored} account${notScored === 1 ? " has" : "s have"} no score (nothing in the latest scan could be judged or applied) and ${notScored === 1 ? "is" : "are"} not in the mean: unknown, not 0.`;
  if (!summary.score) return `No organization score: no account has a score. ${left}`;
  return `The mean of the ${summary.score.scored} scored accounts' overall scores, each account counting once, rounded down (scores are floors: what could not be checked earns no credit). Lowest ${summary.score.lowest}, highest ${summary.score.highest}. ${left}`;
}

function SummaryPages({ summary }: { summary: OrganizationSummary }) {
  const { oldest, newest } = summary;
  const count = summary.accounts.length;
  const facts: [string, string][] = [
    [
      "Accounts covered",
      `${count} account${count === 1 ? "" : "s"}${summary.ou ? ` in organizational unit ${summary.ou}` : " (every account with a stored snapshot)"}, each as its newest readable snapshot`,
    ],
    [
      "Scanned",
      oldest && newest
        ? oldest.scannedAt === newest.scannedAt
          ? formatTime(oldest.scannedAt)
          : `between ${formatTime(oldest.scannedAt)} (oldest: ${accountLabel(oldest)}) and ${formatTime(newest.scannedAt)} (${accountLabel(newest)})`
        : "—",
    ],
    ["Report generated", formatTime(summary.generatedAt)],
  ];
  const right = `${count} account${count === 1 ? "" : "s"}${summary.demoAccounts > 0 ? " · includes DEMO DATA" : ""}`;
  return (
    <>
      <OrgFrame summary={summary} right={right} landscape bookmark="Organization summary">
        <Text style={{ fontSize: 11, color: "#64748b" }}>Safekeep</Text>
        <Text style={s.h1}>Organization data-protection report</Text>
        {facts.map(([k, v]) => (
          <View key={k} style={{ flexDirection: "row", marginBottom: 2 }}>
            <Text style={{ width: 100, color: "#64748b" }}>{k}</Text>
            <Text style={{ flex: 1 }}>{v}</Text>
          </View>
        ))}
        <Text style={{ marginTop: 4 }}>
          Accounts are scanned at different times: every figure for an account is as of its own scan (the “Scanned”
          column of the table), not as of this report.
        </Text>
        {summary.demoAccounts > 0 && (
          <Text style={{ color: "#b45309", fontWeight: "bold", marginTop: 4 }}>
            {summary.demoAccounts} of these accounts {summary.demoAccounts === 1 ? "is" : "are"} DEMO DATA: the
            fictional account shipped with Safekeep, not a scan of a real account.
          </Text>
        )}
        {summary.notice && (
          <Text style={{ color: "#b45309", marginTop: 4 }}>
            Older snapshots used for some accounts: {summary.notice}
          </Text>
        )}

        <View style={{ flexDirection: "row", alignItems: "flex-end", marginTop: 12 }}>
          <Text style={{ fontSize: 30, fontWeight: "bold" }}>{summary.score?.mean ?? "—"}</Text>
          <Text style={{ fontSize: 12, color: "#64748b", marginLeft: 4, marginBottom: 4 }}>
            {summary.score ? `/ 100 organization score · ${scoreLabel(summary.score.mean)}` : "no organization score"}
          </Text>
          {(summary.score?.unverified ?? 0) > 0 && (
            <Text style={{ fontSize: 12, color: COLOURS.error, marginLeft: 6, marginBottom: 4 }}>
              ? {summary.score!.unverified} % unverified
            </Text>
          )}
        </View>
        <Text style={{ marginBottom: 6 }}>{scoreSentence(summary)}</Text>

        <Text style={s.h3}>Lowest scores</Text>
        {summary.worst.length === 0 ? (
          <Text>No account has a score.</Text>
        ) : (
          summary.worst.map((a, i) => (
            <Text key={a.accountId}>
              {i + 1}.{" "}
              <Link src={`#${anchor(a.accountId)}`} style={s.link}>
                {accountLabel(a)}
              </Link>
              {a.name ? ` (${a.accountId})` : ""}: {a.score} / 100
              {a.scoreUnverified > 0 ? ` · ? ${a.scoreUnverified} % unverified` : ""} · scanned{" "}
              {formatTime(a.scannedAt)}
            </Text>
          ))
        )}
        {summary.notScored.length > 0 && (
          <Text style={{ marginTop: 3 }}>
            <Text style={s.bold}>Not scored</Text> (nothing in their latest scan could be judged or applied; not ranked,
            not 0): {summary.notScored.map((a) => `${accountLabel(a)}${a.name ? ` (${a.accountId})` : ""}`).join(", ")}
          </Text>
        )}

        <Text style={s.h3}>Critical findings per account</Text>
        {summary.critical.length === 0 ? (
          <Text>No failing result of a critical control in these accounts&apos; latest scans, and none unchecked.</Text>
        ) : (
          summary.critical.map((a) => (
            <Text key={a.accountId}>
              <Link src={`#${anchor(a.accountId)}`} style={s.link}>
                {accountLabel(a)}
              </Link>
              {a.name ? ` (${a.accountId})` : ""}:{" "}
              <Text style={a.critical.failing > 0 ? [s.bold, { color: COLOURS.fail }] : {}}>
                {a.critical.failing > 0 ? `${SYMBOLS.fail} ` : ""}
                {a.critical.failing} failing
              </Text>
              {a.critical.failingControls.length > 0 ? ` (${a.critical.failingControls.join(", ")})` : ""}
              {a.critical.unchecked > 0 && (
                <Text style={{ color: COLOURS.error }}> · ? {a.critical.unchecked} could not be checked</Text>
              )}
            </Text>
          ))
        )}
      </OrgFrame>

      <OrgFrame summary={summary} right={right} landscape bookmark="Accounts by service">
        <Text style={s.h2}>Accounts by service</Text>
        <Text style={[s.muted, { marginBottom: 6, fontSize: 7.5 }]}>
          Select an account to open its section. Scores are severity-weighted (critical 10, high 5, medium 3, low 1)
          floors: “? N % unverified” means up to N points could not be checked (a call failed or was denied) and earn no
          credit. “Not evaluated”: the service was not part of that account&apos;s scan; “—”: evaluated, but nothing
          could be judged or nothing applied. Critical: failing results of critical-severity controls; unchecked ones
          could not be judged and may hide more failures. Coverage: failed calls and denied IAM actions in that
          account&apos;s scan.
        </Text>
        <AccountsTable summary={summary} />
      </OrgFrame>
    </>
  );
}

/** A failing control in one line: severity, title, id, how many resources fail, the first few by name. */
function FailingLine({ control }: { control: SnapshotControl }) {
  const failing = control.results.filter((r) => r.status === "fail");
  const names = failing.slice(0, ORG_RESOURCES_PER_CONTROL).map(displayName);
  return (
    <View style={s.row} wrap={false}>
      <View style={{ width: 110 }}>
        <StatusText status={control.status} incomplete={control.incomplete} />
      </View>
      <Text style={{ width: 50 }}>{SEVERITY_LABELS[control.severity]}</Text>
      <Text style={{ flex: 1 }}>
        {control.title} <Text style={s.muted}>({control.id})</Text>: {failing.length} of {control.results.length}{" "}
        failing
        {names.length > 0 ? `: ${names.join(", ")}${failing.length > names.length ? ", …" : ""}` : ""}
      </Text>
    </View>
  );
}

function AccountSection({ summary, account }: { summary: OrganizationSummary; account: AccountFacts }) {
  const snapshot = account.snapshot;
  const failing = bySeverity(snapshot.controls.filter((c) => c.status === "fail"));
  const unjudged = bySeverity(snapshot.controls.filter((c) => c.status === "error" || c.incomplete));
  const warnings = snapshot.controls.filter((c) => c.status === "warn");
  const label = accountLabel(account);
  return (
    <OrgFrame
      summary={summary}
      right={`Account ${account.accountId} · snapshot ${account.snapshotId}${account.source === "demo" ? " · DEMO DATA" : ""}`}
      bookmark={account.name ? `${account.name} (${account.accountId})` : account.accountId}
    >
      <View id={anchor(account.accountId)}>
        <Text style={s.h2}>
          {label}
          {account.name ? ` (${account.accountId})` : ""}
        </Text>
      </View>
      <Text style={s.muted}>
        {account.ou ? `Organizational unit ${account.ou} · ` : ""}scan finished {formatTime(account.scannedAt)} ·
        snapshot {account.snapshotId} · Regions {snapshot.regions.join(", ") || "none"}
      </Text>
      {account.source === "demo" && (
        <Text style={{ color: "#b45309", fontWeight: "bold" }}>
          DEMO DATA: the fictional account shipped with Safekeep, not a scan of a real account.
        </Text>
      )}
      <Text style={{ fontSize: 13, fontWeight: "bold", marginTop: 6 }}>
        {account.score === null ? "— Not scored" : `${account.score} / 100 overall · ${scoreLabel(account.score)}`}
        {account.scoreUnverified > 0 && (
          <Text style={{ color: COLOURS.error, fontSize: 10 }}> · ? {account.scoreUnverified} % unverified</Text>
        )}
      </Text>
      {account.score === null && (
        <Text>Nothing in this scan could be judged or applied: there is no score (unknown, not 0).</Text>
      )}

      <Text style={s.h3}>Scores and controls by status</Text>
      <ServiceScoreTable services={account.services} />

      <Text style={s.h3} minPresenceAhead={40}>
        Failing controls ({failing.length})
      </Text>
      {failing.length === 0 ? (
        <Text>No failing controls.</Text>
      ) : (
        failing
          .filter((c) => FULL_BLOCK_SEVERITIES.has(c.severity))
          .map((c) => <ControlBlock key={c.id} control={c} maxResources={ORG_RESOURCES_PER_CONTROL} compact />)
      )}
      {failing.some((c) => !FULL_BLOCK_SEVERITIES.has(c.severity)) && (
        <View style={{ marginBottom: 6 }}>
          <Text style={[s.muted, { marginBottom: 2 }]}>
            Medium, low and informational failing controls (the CSV export lists every resource):
          </Text>
          {failing
            .filter((c) => !FULL_BLOCK_SEVERITIES.has(c.severity))
            .map((c) => (
              <FailingLine key={c.id} control={c} />
            ))}
        </View>
      )}
      {warnings.length > 0 && (
        <Text style={{ marginTop: 2 }}>
          <Text style={[s.bold, { color: COLOURS.warn }]}>
            {SYMBOLS.warn} {warnings.length} control{warnings.length === 1 ? "" : "s"} with warnings:
          </Text>{" "}
          {bySeverity(warnings)
            .map((c) => c.id)
            .join(", ")}
          .
        </Text>
      )}

      <Text style={s.h3} minPresenceAhead={40}>
        Coverage: what could not be judged
      </Text>
      {unjudged.length === 0 ? (
        <Text>Every control was judged completely.</Text>
      ) : (
        unjudged.map((c) => (
          <View key={c.id} style={{ flexDirection: "row", marginBottom: 1 }} wrap={false}>
            <View style={{ width: 110 }}>
              <StatusText status={c.status} incomplete={c.incomplete} />
            </View>
            <Text style={{ flex: 1 }}>
              {c.id} [{SEVERITY_LABELS[c.severity]}]:{" "}
              {c.incomplete
                ? `${plural(c.incomplete.resources, "result")} could not be judged in ${c.incomplete.regions.join(", ")}`
                : "nothing could be judged"}
            </Text>
          </View>
        ))
      )}
      <CoverageDetails snapshot={snapshot} maxErrors={ORG_ERRORS_PER_ACCOUNT} />
    </OrgFrame>
  );
}

export function OrganizationReport({ summary }: { summary: OrganizationSummary }) {
  return (
    <Document
      title={`Organization data-protection report · ${summary.generatedAt.slice(0, 10)}`}
      author="Safekeep"
      subject={`${summary.accounts.length} AWS accounts${summary.ou ? ` in ${summary.ou}` : ""}`}
    >
      <SummaryPages summary={summary} />
      {summary.accounts.map((account) => (
        <AccountSection key={account.accountId} summary={summary} account={account} />
      ))}
    </Document>
  );
}

export async function renderOrganizationPdf(summary: OrganizationSummary): Promise<Buffer> {
  return renderToBuffer(<OrganizationReport summary={summary} />);
}
