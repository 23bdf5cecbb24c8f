/**
 * The snapshot report as a PDF, rendered on the server with @react-pdf/renderer (no browser).
 * Pure apart from reading the embedded font files: snapshot in, bytes out.
 *
 * Layout: cover, contents and executive summary, one section per service (controls grouped by the
 * seed recommendation they check), coverage notes, and an appendix of every control. Each page has
 * the snapshot id in its header and "page X of Y" in its footer. The contents page gets real page
 * numbers from a first layout pass.
 */
import {
  Circle,
  Document,
  Line,
  Link,
  Page,
  Path,
  Rect,
  StyleSheet,
  Svg,
  Text,
  View,
  renderToBuffer,
} from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { seedPage } from "@/lib/controls/seeds";
import { SEVERITIES, SEVERITY_LABELS, STATUS_LABELS, STATUSES, type Status } from "@/lib/controls/types";
import { SERVICE_NAMES, type ServiceId } from "@/lib/inventory/common";
import { openFindingsByResults } from "@/lib/posture/open-findings";
import { scoreLabel, scoreLevel } from "@/lib/posture/score";
import { groupByRecommendation } from "@/lib/posture/summary";
import type { Comparison } from "@/lib/snapshot/compare";
import { remediationFor } from "@/lib/remediation";
import { describeTarget, type Mute } from "@/lib/snapshot/mute";
import type { Snapshot, SnapshotControl, SnapshotService } from "@/lib/snapshot/schema";
import type { Paper } from "./export-request";
import { plural, PDF_FONT_FAMILY } from "./pdf-text";
import { displayName } from "./resource-label";

/** Failing resources printed per control; the rest are counted and left to the CSV export. */
export const MAX_RESOURCES_PER_CONTROL = 40;

export const COLOURS: Record<Status, string> = {
  pass: "#15803d",
  fail: "#b91c1c",
  warn: "#b45309",
  "not-applicable": "#64748b",
  error: "#6d28d9",
};
export const SYMBOLS: Record<Status, string> = { pass: "✓", fail: "✗", warn: "!", "not-applicable": "–", error: "?" };

export const s = StyleSheet.create({
  page: {
    fontFamily: PDF_FONT_FAMILY,
    fontSize: 9,
    paddingTop: 48,
    paddingBottom: 44,
    paddingHorizontal: 40,
    color: "#0f172a",
  },
  header: {
    position: "absolute",
    top: 18,
    left: 40,
    right: 40,
    flexDirection: "row",
    justifyContent: "space-between",
    fontSize: 7.5,
    color: "#64748b",
    borderBottom: "0.5pt solid #cbd5e1",
    paddingBottom: 4,
  },
  footer: {
    position: "absolute",
    bottom: 18,
    left: 40,
    right: 40,
    flexDirection: "row",
    justifyContent: "space-between",
    fontSize: 7.5,
    color: "#64748b",
  },
  h1: { fontSize: 22, fontWeight: "bold", marginBottom: 8 },
  h2: { fontSize: 14, fontWeight: "bold", marginTop: 4, marginBottom: 8 },
  h3: { fontSize: 10.5, fontWeight: "bold", marginTop: 10, marginBottom: 4, color: "#1e293b" },
  muted: { color: "#64748b" },
  row: { flexDirection: "row", borderBottom: "0.5pt solid #e2e8f0", paddingVertical: 3 },
  headRow: { flexDirection: "row", borderBottom: "1pt solid #94a3b8", paddingVertical: 3, fontWeight: "bold" },
  control: { marginBottom: 9, padding: 7, border: "0.5pt solid #cbd5e1", borderRadius: 3 },
  quote: { color: "#334155", borderLeft: "2pt solid #cbd5e1", paddingLeft: 6, marginVertical: 4 },
  link: { color: "#1d4ed8", textDecoration: "none" },
  bold: { fontWeight: "bold" },
});

/** A status in words; "· incomplete" when part of what it sums up could not be judged. */
export function StatusText({ status, incomplete }: { status: Status; incomplete?: { resources: number } }) {
  return (
    <Text style={[s.bold, { color: COLOURS[status] }]}>
      {SYMBOLS[status]} {STATUS_LABELS[status]}
      {incomplete ? " · incomplete" : ""}
    </Text>
  );
}

/** react-pdf's names of the two paper sizes offered. */
const PAGE_SIZES = { a4: "A4", letter: "LETTER" } as const;

function Frame({
  snapshot,
  children,
  bookmark,
  paper,
}: {
  snapshot: Snapshot;
  children: ReactNode;
  /** The section's entry in the PDF outline (the viewer's bookmarks pane). */
  bookmark: string;
  paper: Paper;
}) {
  return (
    <Page size={PAGE_SIZES[paper]} style={s.page} bookmark={bookmark}>
      <View style={s.header} fixed>
        <Text>Safekeep data-protection report · snapshot {snapshot.id}</Text>
        <Text>
          Account {snapshot.account.id}
          {snapshot.source === "demo" ? " · DEMO DATA" : ""}
        </Text>
      </View>
      {children}
      <View style={s.footer} fixed>
        <Text>Status: ✓ pass · ✗ fail · ! warning · – not applicable · ? error (could not be judged, no credit)</Text>
        <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
      </View>
    </Page>
  );
}

/** Records the page a section starts on (first pass) so the contents can print it (second pass). */
function Marker({ id, pages }: { id: string; pages: Map<string, number> }) {
  return (
    <Text
      render={({ pageNumber }) => {
        if (!pages.has(id)) pages.set(id, pageNumber);
        return " ";
      }}
    />
  );
}

export function formatTime(iso: string) {
  return iso.replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

const OPEN_ORDER: readonly Status[] = ["fail", "error", "warn"];

/**
 * One control: title, status, seed quote, the resources that are not passing, remediation.
 * `maxResources` and `compact` (no seed quote or summary: the same in every account) keep the
 * organization report's many sections short.
 */
export function ControlBlock({
  control,
  maxResources = MAX_RESOURCES_PER_CONTROL,
  compact = false,
}: {
  control: SnapshotControl;
  maxResources?: number;
  compact?: boolean;
}) {
  // Failing rows first, then the ones that could not be judged: a capped list never hides a failure
  // behind warnings.
  const open = OPEN_ORDER.flatMap((status) => control.results.filter((r) => r.status === status));
  const shown = open.slice(0, maxResources);
  const page = seedPage(control.seed.file);
  return (
    <View style={s.control}>
      <View style={{ flexDirection: "row", justifyContent: "space-between" }} minPresenceAhead={40}>
        <Text style={[s.bold, { width: "75%" }]}>{control.title}</Text>
        <StatusText status={control.status} incomplete={control.incomplete} />
      </View>
      <Text style={s.muted}>
        {control.id} · severity {SEVERITY_LABELS[control.severity]} · responsibility{" "}
        {control.responsibility === "aws" ? "AWS" : "customer"}
        {compact ? "" : ` · ${control.summary}`}
      </Text>
      {!compact && (
        <Text style={s.quote}>
          “{control.seed.quote}” — {page?.title ?? control.seed.file}
        </Text>
      )}
      {shown.map((r, i) => (
        <View key={`${r.resourceArn}-${i}`} style={{ flexDirection: "row", marginBottom: 2 }} wrap={false}>
          <Text style={{ width: 64, color: COLOURS[r.status] }}>
            {SYMBOLS[r.status]} {STATUS_LABELS[r.status]}
          </Text>
          {/* Name first, the ARN under it in a smaller font: names are what readers recognise, ARNs what tools take. */}
          <View style={{ flex: 1 }}>
            <Text>
              {/* One string per run: react-pdf may break between two runs and would draw a "-" there. */}
              <Text style={s.bold}>{displayName(r)}</Text> <Text style={s.muted}>{`(${r.region})`}</Text>
            </Text>
            <Text style={{ fontSize: 7, color: "#64748b" }}>{r.resourceArn}</Text>
            <Text>{r.reason}</Text>
            {r.mute && (
              <Text style={{ color: "#6d28d9" }}>
                Muted until {formatTime(r.mute.expiresAt)} (owner {r.mute.owner}): {r.mute.reason}
              </Text>
            )}
          </View>
        </View>
      ))}
      {open.length > shown.length && (
        <Text style={s.muted}>
          … and {plural(open.length - shown.length, "more resource")}; the CSV export lists them all.
        </Text>
      )}
      {control.status !== "pass" && control.status !== "not-applicable" && (
        <Text style={{ marginTop: 3 }}>
          <Text style={s.bold}>Remediation: </Text>
          {control.remediation.text}{" "}
          <Link src={control.remediation.url} style={s.link}>
            {control.remediation.url}
          </Link>
        </Text>
      )}
      {!compact && (
        <FirstFix controlId={control.id} row={open.find((r) => r.status === "fail" || r.status === "warn")} />
      )}
      {/* What an auditor checks the verdict against: the reads it rests on and the AWS pages it cites. */}
      {!compact && control.requires.length > 0 && (
        <Text style={[s.muted, { marginTop: 3 }]}>IAM actions read: {control.requires.join(", ")}</Text>
      )}
      {!compact && control.docs.length > 0 && (
        <Text style={s.muted}>
          Docs:{" "}
          {control.docs.map((url, i) => (
            <Text key={url}>
              {i > 0 ? ", " : ""}
              <Link src={url} style={s.link}>
                {url}
              </Link>
            </Text>
          ))}
        </Text>
      )}
    </View>
  );
}

/** The AWS CLI fix filled for the first failing resource (lib/remediation), marked as a suggestion. */
function FirstFix({ controlId, row }: { controlId: string; row: SnapshotControl["results"][number] | undefined }) {
  const cli = row ? remediationFor({ id: controlId }, row)?.cli : undefined;
  if (!row || !cli || cli.length === 0) return null;
  return (
    <View style={{ marginTop: 3 }} wrap={false}>
      <Text style={s.muted}>Suggested fix for {displayName(row)}, to review before running (AWS CLI):</Text>
      {cli.map((snippet, i) => (
        <Text key={i} style={{ fontSize: 7 }}>
          {snippet.code}
        </Text>
      ))}
    </View>
  );
}

/**
 * Per service: the score (with its unverified share: up to that many points could not be checked) and
 * the controls by status. A service that was not part of the scan says so instead of showing a score.
 */
export function ServiceScoreTable({ services }: { services: readonly SnapshotService[] }) {
  return (
    <View>
      <View style={s.headRow}>
        <Text style={{ width: 150 }}>Service</Text>
        <Text style={{ width: 80 }}>Score</Text>
        {STATUSES.map((st) => (
          <Text key={st} style={{ width: 55 }}>
            {STATUS_LABELS[st]}
          </Text>
        ))}
      </View>
      {services.map((sv) => (
        <View key={sv.id} style={s.row} wrap={false}>
          <Text style={{ width: 150 }}>{SERVICE_NAMES[sv.id]}</Text>
          {sv.evaluated ? (
            <>
              <View style={{ width: 80 }}>
                <Text>{sv.score ?? "—"}</Text>
                {(sv.unverified ?? 0) > 0 && (
                  <Text style={{ fontSize: 7, color: COLOURS.error }}>? {sv.unverified} % unverified</Text>
                )}
              </View>
              {STATUSES.map((st) => (
                <Text key={st} style={{ width: 55 }}>
                  {sv.counts[st]}
                </Text>
              ))}
            </>
          ) : (
            <Text style={[s.muted, { flex: 1 }]}>Not evaluated: not part of this scan, no score.</Text>
          )}
        </View>
      ))}
    </View>
  );
}

/**
 * Denied actions, failed calls and Regions not scanned. `maxErrors` caps the failed calls listed
 * (the rest are counted): an account whose role was refused everything would otherwise fill pages.
 */
export function CoverageDetails({ snapshot, maxErrors }: { snapshot: Snapshot; maxErrors?: number }) {
  const errors = snapshot.coverage.errors;
  const shown = maxErrors === undefined ? errors : errors.slice(0, maxErrors);
  return (
    <View>
      <Text style={s.h3}>Denied IAM actions</Text>
      <Text>{snapshot.coverage.deniedActions.join(", ") || "None: every call was allowed."}</Text>
      <Text style={s.h3}>Failed calls</Text>
      {errors.length === 0 ? (
        <Text>None.</Text>
      ) : (
        shown.map((e, i) => (
          <Text key={i}>
            ? {e.action} in {e.region}: {e.message}
          </Text>
        ))
      )}
      {errors.length > shown.length && (
        <Text style={s.muted}>
          … and {plural(errors.length - shown.length, "more failed call")}; the account&apos;s own report lists them
          all.
        </Text>
      )}
      <Text style={s.h3}>Regions not scanned</Text>
      {snapshot.coverage.skippedRegions.length === 0 ? (
        <Text>None.</Text>
      ) : (
        snapshot.coverage.skippedRegions.map((r, i) => (
          <Text key={i}>
            {r.region}
            {r.service ? ` (${r.service})` : ""}: {r.reason}
          </Text>
        ))
      )}
    </View>
  );
}

export interface PdfOptions {
  /** A report about this service only: its score on the cover, its controls, its findings. */
  service?: ServiceId;
  /** What changed since the previous snapshot, for the executive summary. */
  diff?: Comparison;
  generatedAt?: Date;
  /** The mutes in force when the report was made, for its appendix (the results carry their marks). */
  mutes?: readonly Mute[];
  /** Page size; A4 when not given. */
  paper?: Paper;
  /** The account's overall scores, oldest first, this snapshot last (`scoreTrend` in ./export). */
  history?: readonly { finishedAt: string; score: number | null }[];
}

const LEVEL_COLOURS = { good: "#15803d", fair: "#b45309", poor: "#b91c1c", none: "#94a3b8" } as const;

/** The end point of an arc of `share` (0–1) of a circle, drawn clockwise from twelve o'clock. */
function arcPoint(cx: number, cy: number, r: number, share: number): [number, number] {
  const angle = 2 * Math.PI * share - Math.PI / 2;
  return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
}

/**
 * The score as a ring (vector): the coloured arc is the score's share of 100, in the colour of its
 * level; no arc when there is no score. The number is real text, so it is copied and read aloud.
 */
export function ScoreRing({ score, size = 96, caption }: { score: number | null; size?: number; caption: string }) {
  const stroke = size / 9;
  const r = (size - stroke) / 2;
  const c = size / 2;
  const colour = LEVEL_COLOURS[scoreLevel(score)];
  const share = score === null ? 0 : Math.min(score, 100) / 100;
  const [x, y] = arcPoint(c, c, r, share);
  return (
    <View style={{ flexDirection: "row", alignItems: "center" }}>
      <View style={{ width: size, height: size }}>
        <Svg width={size} height={size} viewBox={`0 0 ${size} ${size}`}>
          <Circle cx={c} cy={c} r={r} stroke="#e2e8f0" strokeWidth={stroke} fill="none" />
          {share >= 1 ? (
            <Circle cx={c} cy={c} r={r} stroke={colour} strokeWidth={stroke} fill="none" />
          ) : share > 0 ? (
            <Path
              d={`M ${c} ${c - r} A ${r} ${r} 0 ${share > 0.5 ? 1 : 0} 1 ${x.toFixed(2)} ${y.toFixed(2)}`}
              stroke={colour}
              strokeWidth={stroke}
              fill="none"
            />
          ) : null}
        </Svg>
        <View style={{ position: "absolute", top: 0, left: 0, width: size, height: size, justifyContent: "center" }}>
          <Text style={{ textAlign: "center", fontSize: size / 3.6, fontWeight: "bold", color: colour }}>
            {score ?? "—"}
          </Text>
        </View>
      </View>
      <View style={{ marginLeft: 12, flex: 1 }}>
        <Text style={{ fontSize: 13 }}>
          {score === null ? "No score" : `${score} / 100`} · {scoreLabel(score)}
        </Text>
        <Text style={s.muted}>{caption}</Text>
      </View>
    </View>
  );
}

const SEVERITY_BAR_WIDTH = 200;

/**
 * Open findings (failing and warning results no mute covers) per severity as bars, counted like the
 * overview counts them (lib/posture/open-findings), with the muted and unjudged results said beside.
 */
export function SeverityBars({ controls }: { controls: readonly SnapshotControl[] }) {
  const counts = openFindingsByResults(controls);
  const max = Math.max(1, ...SEVERITIES.map((sev) => counts[sev].fail + counts[sev].warn));
  const scale = SEVERITY_BAR_WIDTH / max;
  return (
    <View>
      {SEVERITIES.map((sev) => {
        const c = counts[sev];
        const failWidth = c.fail * scale;
        const warnWidth = c.warn * scale;
        return (
          <View key={sev} style={{ flexDirection: "row", alignItems: "center", marginBottom: 3 }} wrap={false}>
            <Text style={{ width: 70 }}>{SEVERITY_LABELS[sev]}</Text>
            <Svg width={SEVERITY_BAR_WIDTH} height={9} viewBox={`0 0 ${SEVERITY_BAR_WIDTH} 9`}>
              <Rect x={0} y={0} width={SEVERITY_BAR_WIDTH} height={9} fill="#f1f5f9" />
              {failWidth > 0 && <Rect x={0} y={0} width={failWidth} height={9} fill={COLOURS.fail} />}
              {warnWidth > 0 && <Rect x={failWidth} y={0} width={warnWidth} height={9} fill={COLOURS.warn} />}
            </Svg>
            <Text style={{ marginLeft: 6, flex: 1 }}>
              {`${c.fail} failing, ${c.warn} with warnings`}
              {c.muted > 0 || c.error > 0 ? (
                <Text style={s.muted}>{` (${c.muted} muted, ${c.error} not judged)`}</Text>
              ) : null}
            </Text>
          </View>
        );
      })}
    </View>
  );
}

const TREND_WIDTH = 300;
const TREND_HEIGHT = 70;

/**
 * The account's overall score over its stored snapshots, oldest left, this one right, on a fixed 0–100
 * scale (a zoomed axis would make small moves look large). A snapshot without a score is a gap, never
 * a zero. The dates and scores are also printed as text: the chart is never the only record.
 */
export function ScoreTrend({ points }: { points: readonly { finishedAt: string; score: number | null }[] }) {
  if (points.length < 2) {
    return <Text>No earlier snapshot of this account is stored: the trend starts with this one.</Text>;
  }
  const step = TREND_WIDTH / (points.length - 1);
  const y = (score: number) => TREND_HEIGHT - (score / 100) * TREND_HEIGHT;
  // One path per run of scored snapshots, so an unscored one leaves a gap.
  const runs: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.score === null) {
      if (current.length > 0) runs.push(current.join(" "));
      current = [];
      return;
    }
    current.push(`${current.length === 0 ? "M" : "L"} ${(i * step).toFixed(2)} ${y(p.score).toFixed(2)}`);
  });
  if (current.length > 0) runs.push(current.join(" "));
  const pad = 4;
  return (
    <View wrap={false}>
      <View style={{ flexDirection: "row" }}>
        <View style={{ width: 24, height: TREND_HEIGHT + 2 * pad, justifyContent: "space-between" }}>
          <Text style={[s.muted, { fontSize: 7 }]}>100</Text>
          <Text style={[s.muted, { fontSize: 7 }]}>0</Text>
        </View>
        <Svg
          width={TREND_WIDTH + 2 * pad}
          height={TREND_HEIGHT + 2 * pad}
          viewBox={`${-pad} ${-pad} ${TREND_WIDTH + 2 * pad} ${TREND_HEIGHT + 2 * pad}`}
        >
          {[0, 50, 100].map((v) => (
            <Line key={v} x1={0} x2={TREND_WIDTH} y1={y(v)} y2={y(v)} stroke="#e2e8f0" strokeWidth={0.5} />
          ))}
          {runs.map((d, i) => (
            <Path key={i} d={d} stroke="#1d4ed8" strokeWidth={1.5} fill="none" />
          ))}
          {points.map((p, i) =>
            p.score === null ? null : (
              <Circle
                key={p.finishedAt}
                cx={i * step}
                cy={y(p.score)}
                r={i === points.length - 1 ? 3 : 2}
                fill={i === points.length - 1 ? "#0f172a" : "#1d4ed8"}
              />
            ),
          )}
        </Svg>
      </View>
      <Text style={[s.muted, { marginTop: 3 }]}>
        {points.map((p) => `${p.finishedAt.slice(0, 10)}: ${p.score ?? "no score"}`).join(" · ")}
      </Text>
    </View>
  );
}

function CoverPage({
  snapshot,
  title,
  generatedAt,
  service,
  paper,
}: {
  snapshot: Snapshot;
  title: string;
  generatedAt: Date;
  service: SnapshotService | undefined;
  paper: Paper;
}) {
  const facts: [string, string][] = [
    ["AWS account", `${snapshot.account.id} (${snapshot.account.partition})`],
    ...(snapshot.account.name ? ([["Account name", snapshot.account.name]] as [string, string][]) : []),
    ["Regions", snapshot.regions.join(", ") || "none"],
    ["Scan finished", formatTime(snapshot.finishedAt)],
    ["Snapshot id", snapshot.id],
    ["Report generated", formatTime(generatedAt.toISOString())],
  ];
  return (
    <Frame snapshot={snapshot} bookmark="Cover" paper={paper}>
      <View style={{ marginTop: 80 }}>
        <Text style={{ fontSize: 11, color: "#64748b" }}>Safekeep</Text>
        <Text style={s.h1}>{title}</Text>
        {snapshot.source === "demo" && (
          <Text style={{ color: "#b45309", fontWeight: "bold", marginBottom: 8 }}>
            DEMO DATA: a fictional account shipped with Safekeep, not a scan of a real account.
          </Text>
        )}
        <View style={{ marginTop: 14 }}>
          {facts.map(([k, v]) => (
            <View key={k} style={{ flexDirection: "row", marginBottom: 3 }}>
              <Text style={{ width: 110, color: "#64748b" }}>{k}</Text>
              <Text style={{ flex: 1 }}>{v}</Text>
            </View>
          ))}
        </View>
        <View style={{ marginTop: 26 }}>
          {service ? <ServiceCover service={service} /> : <AccountCover snapshot={snapshot} />}
        </View>
      </View>
    </Frame>
  );
}

/** The whole snapshot's cover: the overall score and one line per service. */
function AccountCover({ snapshot }: { snapshot: Snapshot }) {
  return (
    <>
      <ScoreRing score={snapshot.score} caption="Overall score of the account, all services scanned." />
      {snapshot.mutes && (
        <Text style={{ color: "#6d28d9", marginTop: 6 }}>
          {plural(snapshot.mutes.muted, "muted finding")} left out of the score (
          {snapshot.mutes.scoreBeforeMutes ?? "—"} before mutes), as of {formatTime(snapshot.mutes.asOf)}; the appendix
          lists the mutes in force.
        </Text>
      )}
      {(snapshot.scoreUnverified ?? 0) > 0 && (
        <Text style={{ color: "#5b21b6", marginTop: 6 }}>
          {snapshot.scoreUnverified} % of the score&apos;s weight could not be verified and earns no credit: the score
          is a floor.
        </Text>
      )}
      <View style={{ marginTop: 14 }}>
        {snapshot.services.map((sv) => (
          <View key={sv.id} style={s.row}>
            <Text style={{ width: 150 }}>{SERVICE_NAMES[sv.id]}</Text>
            <Text style={{ width: 80 }}>
              {sv.evaluated
                ? `${sv.score ?? "—"} / 100${(sv.unverified ?? 0) > 0 ? ` (${sv.unverified} % unverified)` : ""}`
                : "not evaluated"}
            </Text>
            <Text style={{ flex: 1, color: "#64748b" }}>{sv.evaluated ? controlCounts(sv) : ""}</Text>
          </View>
        ))}
      </View>
    </>
  );
}

function controlCounts(sv: SnapshotService): string {
  return `${plural(sv.counts.fail, "failing control")}, ${sv.counts.warn} with warnings, ${sv.counts.error} not evaluable`;
}

/** A per-service report's cover: that service's score and its controls, nothing of the others. */
function ServiceCover({ service }: { service: SnapshotService }) {
  const total = STATUSES.reduce((n, st) => n + service.counts[st], 0);
  if (!service.evaluated) {
    return <Text>{SERVICE_NAMES[service.id]} was not part of this scan: no score, no controls evaluated.</Text>;
  }
  return (
    <>
      <ScoreRing score={service.score} caption={`Score of ${SERVICE_NAMES[service.id]} in this snapshot.`} />
      {(service.unverified ?? 0) > 0 && (
        <Text style={{ color: "#5b21b6", marginTop: 6 }}>
          {service.unverified} % of the score&apos;s weight could not be verified and earns no credit: the score is a
          floor.
        </Text>
      )}
      <Text style={[s.h3, { marginTop: 14 }]}>{plural(total, "control")} evaluated</Text>
      {STATUSES.map((st) => (
        <View key={st} style={s.row}>
          <View style={{ width: 150 }}>
            <StatusText status={st} />
          </View>
          <Text>{service.counts[st]}</Text>
        </View>
      ))}
    </>
  );
}

function ReportDocument({
  snapshot,
  options,
  pages,
}: {
  snapshot: Snapshot;
  options: PdfOptions;
  pages: Map<string, number>;
}) {
  const services = snapshot.services.filter((sv) => sv.evaluated && (!options.service || sv.id === options.service));
  const controls = snapshot.controls.filter((c) => !options.service || c.service === options.service);
  const paper = options.paper ?? "a4";
  const coverService = options.service ? snapshot.services.find((sv) => sv.id === options.service) : undefined;
  const topFailing = controls
    .filter((c) => c.status === "fail")
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
    .slice(0, 10);
  const sections = [
    { id: "summary", title: "Executive summary" },
    ...services.map((sv) => ({ id: `service-${sv.id}`, title: SERVICE_NAMES[sv.id] })),
    { id: "coverage", title: "Scan coverage" },
    { id: "appendix", title: "Appendix: every control evaluated" },
    ...(options.mutes ? [{ id: "mutes", title: "Appendix: mutes in force" }] : []),
  ];
  const title = options.service
    ? `${SERVICE_NAMES[options.service]} data-protection report`
    : "Data-protection posture report";
  const diff = options.diff;

  return (
    <Document title={`${title} · ${snapshot.id}`} author="Safekeep" subject={`AWS account ${snapshot.account.id}`}>
      <CoverPage
        snapshot={snapshot}
        title={title}
        generatedAt={options.generatedAt ?? new Date()}
        service={coverService}
        paper={paper}
      />

      <Frame snapshot={snapshot} bookmark="Contents and executive summary" paper={paper}>
        <Text style={s.h2}>Contents</Text>
        {sections.map((sec) => (
          <View key={sec.id} style={{ flexDirection: "row", marginBottom: 2 }}>
            <Text style={{ flex: 1 }}>{sec.title}</Text>
            <Text>{pages.get(sec.id) ?? ""}</Text>
          </View>
        ))}
        <Marker id="summary" pages={pages} />
        <Text style={[s.h2, { marginTop: 14 }]}>Executive summary</Text>
        {!options.service && (
          <View style={{ marginBottom: 6 }}>
            <ScoreRing score={snapshot.score} size={64} caption="Overall score of the account." />
          </View>
        )}
        <Text style={s.h3}>Scores and controls by status</Text>
        <ServiceScoreTable services={services} />
        <Text style={s.h3}>Open findings by severity (resources: failing and warning results not muted)</Text>
        <SeverityBars controls={controls} />
        {/* The listing holds overall scores only: a service's own history is not stored, so its report has no trend. */}
        {!options.service && options.history && (
          <>
            <Text style={s.h3}>Overall score over this account&apos;s snapshots</Text>
            <ScoreTrend points={options.history} />
          </>
        )}
        <Text style={s.h3}>Top failing controls</Text>
        {topFailing.length === 0 ? (
          <Text>No failing controls.</Text>
        ) : (
          topFailing.map((c) => (
            <Text key={c.id}>
              ✗ [{SEVERITY_LABELS[c.severity]}] {c.title}:{" "}
              {plural(c.results.filter((r) => r.status === "fail").length, "failing resource")}
            </Text>
          ))
        )}
        <Text style={s.h3}>Since the previous snapshot</Text>
        <Text>
          {diff
            ? `Compared with ${diff.from.id} (overall score ${diff.from.score ?? "—"} → ${diff.to.score ?? "—"}): ${diff.counts.new} new, ${diff.counts.notCheckedBefore} not checked before, ${diff.counts.fixed} fixed, ${diff.counts.notRechecked} not re-checked, ${diff.counts.changed} changed, ${diff.counts.stillFailing} still failing. Fixed means judged again and passing, or verifiably gone; a finding this scan could not judge is not re-checked, never fixed, and one the previous scan could not judge is not checked before, never new.`
            : "There is no earlier snapshot of this account to compare with."}
        </Text>
        {diff && !diff.comparable && (
          <View style={{ marginTop: 4 }}>
            <Text style={s.bold}>Not like for like:</Text>
            {diff.scopeNotes.map((note) => (
              <Text key={note}>• {note}</Text>
            ))}
          </View>
        )}
      </Frame>

      {services.map((sv) => (
        <Frame key={sv.id} snapshot={snapshot} bookmark={SERVICE_NAMES[sv.id]} paper={paper}>
          <Marker id={`service-${sv.id}`} pages={pages} />
          <Text style={s.h2}>
            {SERVICE_NAMES[sv.id]}: {sv.score ?? "—"} / 100
            {(sv.unverified ?? 0) > 0 ? ` (${sv.unverified} % unverified)` : ""}
          </Text>
          {groupByRecommendation(controls.filter((c) => c.service === sv.id)).map(
            ({ recommendation, controls: group }) => (
              <View key={recommendation.id}>
                <Text style={s.h3} minPresenceAhead={80}>
                  {recommendation.title}
                </Text>
                {group.map((c) => (
                  <ControlBlock key={c.id} control={c} />
                ))}
              </View>
            ),
          )}
        </Frame>
      ))}

      <Frame snapshot={snapshot} bookmark="Scan coverage" paper={paper}>
        <Marker id="coverage" pages={pages} />
        <Text style={s.h2}>Scan coverage</Text>
        <Text>
          {plural(snapshot.stats.apiCalls, "API call")}, {plural(snapshot.stats.retries, "retry", "retries")},{" "}
          {plural(snapshot.stats.throttled, "throttled answer")}, {Math.round(snapshot.stats.durationMs / 100) / 10} s.
        </Text>
        <CoverageDetails snapshot={snapshot} />
        <Text style={{ marginTop: 8 }}>
          Controls marked “? Error” could not be evaluated; controls marked “incomplete” could be judged only in part
          (their status is the worst of what was judged). Neither earns score credit: what could not be verified never
          raises a score.
        </Text>
      </Frame>

      <Frame snapshot={snapshot} bookmark="Appendix: every control evaluated" paper={paper}>
        <Marker id="appendix" pages={pages} />
        <Text style={s.h2}>Appendix: every control evaluated</Text>
        <View style={s.headRow} fixed>
          <Text style={{ width: 190 }}>Control</Text>
          <Text style={{ width: 55 }}>Severity</Text>
          <Text style={{ width: 85 }}>Status</Text>
          <Text style={{ flex: 1 }}>Same check elsewhere</Text>
        </View>
        {controls.map((c) => (
          <View key={c.id} style={s.row} wrap={false}>
            <Text style={{ width: 190 }}>{c.id}</Text>
            <Text style={{ width: 55 }}>{SEVERITY_LABELS[c.severity]}</Text>
            <View style={{ width: 85 }}>
              <StatusText status={c.status} incomplete={c.incomplete} />
            </View>
            <Text style={{ flex: 1, color: "#64748b" }}>{c.related.join(", ")}</Text>
          </View>
        ))}
      </Frame>

      {options.mutes && (
        <Frame snapshot={snapshot} bookmark="Appendix: mutes in force" paper={paper}>
          <Marker id="mutes" pages={pages} />
          <MutesAppendix mutes={options.mutes} controls={controls} asOf={options.generatedAt ?? new Date()} />
        </Frame>
      )}
    </Document>
  );
}

/**
 * Every mute in force when the report was made: what it covers, why, whose it is, until when, who made
 * it, and how many findings of this report it covers (a rule may cover none today and some tomorrow).
 */
function MutesAppendix({
  mutes,
  controls,
  asOf,
}: {
  mutes: readonly Mute[];
  controls: readonly SnapshotControl[];
  asOf: Date;
}) {
  const covered = new Map<string, number>();
  for (const c of controls)
    for (const r of c.results) if (r.mute) covered.set(r.mute.id, (covered.get(r.mute.id) ?? 0) + 1);
  return (
    <>
      <Text style={s.h2}>Appendix: mutes in force</Text>
      <Text style={{ marginBottom: 6 }}>
        As of {formatTime(asOf.toISOString())}. A muted finding keeps its status in this report and is left out of the
        scores; findings that could not be judged are never muted. A mute lapses by itself at its expiry.
      </Text>
      {mutes.length === 0 ? (
        <Text>No mute is in force.</Text>
      ) : (
        mutes.map((m) => (
          <View key={m.id} style={{ marginBottom: 6 }} wrap={false}>
            <Text style={s.bold}>{describeTarget(m.target, m.label)}</Text>
            <Text>Reason: {m.reason}</Text>
            <Text style={s.muted}>
              {m.id} · owner {m.owner} · until {formatTime(m.expiresAt)} · created by {m.createdBy}{" "}
              {formatTime(m.createdAt)}
              {m.updatedAt !== m.createdAt ? ` · last changed by ${m.updatedBy} ${formatTime(m.updatedAt)}` : ""} ·{" "}
              {plural(covered.get(m.id) ?? 0, "finding")} of this report
            </Text>
          </View>
        ))
      )}
    </>
  );
}

/** Renders twice: the first pass finds where each section starts, the second prints the contents. */
export async function renderSnapshotPdf(snapshot: Snapshot, options: PdfOptions = {}): Promise<Buffer> {
  const pages = new Map<string, number>();
  await renderToBuffer(<ReportDocument snapshot={snapshot} options={options} pages={pages} />);
  return renderToBuffer(<ReportDocument snapshot={snapshot} options={options} pages={new Map(pages)} />);
}
