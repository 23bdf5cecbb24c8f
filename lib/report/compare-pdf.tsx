/**
 * A comparison of two snapshots as a PDF: a cover saying what was compared (account, both scans with
 * their times, Regions and scores), whether like for like (the scope notes), the count of each kind
 * of change, how many results could not be judged, and the view (change and service) in words; then
 * at most COMPARE_PDF_MAX_ROWS findings of the view on landscape pages, in the page's order. A capped
 * PDF says so on its cover and after its last row; the CSV and JSON exports hold every row.
 *
 * House style from the snapshot report (./pdf): its styles, status colours and symbols, and, by
 * importing it, its fonts and hyphenation rule, as the findings PDF does.
 */
import { Document, Page, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { SEVERITY_LABELS, STATUS_LABELS, type Status } from "@/lib/controls/types";
import { SERVICE_NAMES } from "@/lib/inventory/common";
import { CHANGE_LABELS, CHANGES, type ComparedFinding, type Comparison } from "@/lib/snapshot/compare";
import type { CompareView } from "@/lib/snapshot/compare-view";
import { COMPARE_PDF_MAX_ROWS, describeCompareView } from "./compare-export";
import { capLabel, truncateReason } from "./findings-pdf";
import { COLOURS, formatTime, s, SYMBOLS } from "./pdf";
import { displayName } from "./resource-label";

export interface ComparePdfInput {
  comparison: Comparison;
  view: Pick<CompareView, "change" | "service">;
  /** Every finding of the view, in order; more than COMPARE_PDF_MAX_ROWS are not printed. */
  findings: readonly ComparedFinding[];
  generatedAt: Date;
}

const WIDTHS = { change: 78, severity: 46, status: 92, control: 130, resource: 190, region: 62 } as const;
const small = { fontSize: 6.5, color: "#64748b" } as const;
const capStyle = { color: "#b45309", fontWeight: "bold", marginVertical: 6 } as const;
/** Rows per <Page> element: react-pdf lays out again everything after a page break (see findings-pdf). */
const ROWS_PER_PAGE_ELEMENT = 12;

function Frame({ input, children }: { input: ComparePdfInput; children: ReactNode }) {
  const c = input.comparison;
  return (
    <Page size="A4" orientation="landscape" style={s.page}>
      <View style={s.header} fixed>
        <Text>Safekeep comparison · generated {formatTime(input.generatedAt.toISOString())}</Text>
        <Text>
          {c.from.id} → {c.to.id}
        </Text>
      </View>
      {children}
      <View style={s.footer} fixed>
        <Text>Status: ✓ pass · ✗ fail · ! warning · – not applicable · ? error (could not be judged)</Text>
        <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
      </View>
    </Page>
  );
}

function StatusCell({ status, none }: { status: Status | null; none: string }) {
  if (!status) return <Text style={small}>{none}</Text>;
  return (
    <Text style={[s.bold, { color: COLOURS[status] }]}>
      {SYMBOLS[status]} {STATUS_LABELS[status]}
    </Text>
  );
}

function TableHead() {
  return (
    <View style={[s.headRow, { fontSize: 7.5 }]} fixed>
      <Text style={{ width: WIDTHS.change }}>Change</Text>
      <Text style={{ width: WIDTHS.severity }}>Severity</Text>
      <Text style={{ width: WIDTHS.status }}>Before → after</Text>
      <Text style={{ width: WIDTHS.control }}>Control</Text>
      <Text style={{ width: WIDTHS.resource }}>Resource</Text>
      <Text style={{ width: WIDTHS.region }}>Region</Text>
      <Text style={{ flex: 1 }}>Why</Text>
    </View>
  );
}

function Row({ finding: f }: { finding: ComparedFinding }) {
  return (
    <View style={[s.row, { fontSize: 7.5 }]} wrap={false}>
      <Text style={[s.bold, { width: WIDTHS.change }]}>{CHANGE_LABELS[f.change]}</Text>
      <Text style={{ width: WIDTHS.severity }}>{SEVERITY_LABELS[f.severity]}</Text>
      <View style={{ width: WIDTHS.status, paddingRight: 4 }}>
        <StatusCell status={f.before} none="(none)" />
        <StatusCell status={f.after} none="(absent)" />
      </View>
      <View style={{ width: WIDTHS.control, paddingRight: 4 }}>
        <Text>{f.control}</Text>
        <Text style={small}>{SERVICE_NAMES[f.service]}</Text>
      </View>
      <View style={{ width: WIDTHS.resource, paddingRight: 4 }}>
        <Text style={s.bold}>{displayName({ resourceArn: f.resourceArn, name: f.name })}</Text>
        <Text style={small}>{f.resourceArn}</Text>
      </View>
      <Text style={{ width: WIDTHS.region }}>{f.region}</Text>
      <View style={{ flex: 1 }}>
        {f.detail && <Text>{truncateReason(f.detail)}</Text>}
        {f.muteEnded && (
          <Text style={small}>
            Mute {f.muteEnded.how} {f.muteEnded.at.slice(0, 10)}
          </Text>
        )}
        {f.firstSeen && <Text style={small}>First seen failing {f.firstSeen.slice(0, 10)}</Text>}
      </View>
    </View>
  );
}

function CompareDocument({ input }: { input: ComparePdfInput }) {
  const c = input.comparison;
  const rows = input.findings.slice(0, COMPARE_PDF_MAX_ROWS);
  const cap = capLabel(rows.length, input.findings.length);
  const title = `Safekeep comparison — account ${c.account.id}`;
  const chunks: ComparedFinding[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_PAGE_ELEMENT) chunks.push(rows.slice(i, i + ROWS_PER_PAGE_ELEMENT));
  if (chunks.length === 0) chunks.push([]);
  const equal = CHANGES.every((k) => k === "stillFailing" || c.counts[k] === 0);
  return (
    <Document title={title} author="Safekeep" subject="Comparison of two snapshots">
      <Frame input={input}>
        <Text style={[s.h1, { fontSize: 18 }]}>{title}</Text>
        <View style={{ marginTop: 6 }}>
          {(
            [
              [
                "From",
                `${c.from.id} · scan finished ${formatTime(c.from.finishedAt)} · ${c.from.regions.length} Regions · score ${c.from.score ?? "—"}`,
              ],
              [
                "To",
                `${c.to.id} · scan finished ${formatTime(c.to.finishedAt)} · ${c.to.regions.length} Regions · score ${c.to.score ?? "—"}`,
              ],
              ["Generated", formatTime(input.generatedAt.toISOString())],
              ["Listed", `${describeCompareView(input.view)}: ${input.findings.length} findings`],
              ["Rows in this PDF", `${rows.length} (at most ${COMPARE_PDF_MAX_ROWS})`],
            ] as const
          ).map(([k, v]) => (
            <View key={k} style={{ flexDirection: "row", marginBottom: 3 }}>
              <Text style={{ width: 110, color: "#64748b" }}>{k}</Text>
              <Text style={{ flex: 1 }}>{v}</Text>
            </View>
          ))}
        </View>
        {cap && <Text style={capStyle}>{cap}</Text>}
        <Text style={s.h3}>Changes</Text>
        <Text>
          {CHANGES.map((k) => `${CHANGE_LABELS[k]}: ${c.counts[k]}`).join(" · ")}
          {c.unjudged > 0 &&
            ` · Could not be judged in ${c.to.id} (not failing before, listed under no change): ${c.unjudged}`}
        </Text>
        {equal && <Text style={{ marginTop: 4, fontWeight: "bold" }}>No changes between these two scans.</Text>}
        <Text style={[s.muted, { marginTop: 4 }]}>
          Fixed means judged again and passing, or verifiably gone; a finding the later scan could not judge is not
          re-checked, never fixed. New means the earlier scan judged it or could have listed it; what it could not judge
          is not checked before, never new.
        </Text>
        {!c.comparable && (
          <>
            <Text style={s.h3}>These snapshots did not cover the same ground</Text>
            {c.scopeNotes.map((note) => (
              <Text key={note} style={{ marginBottom: 2 }}>
                • {note}
              </Text>
            ))}
          </>
        )}
      </Frame>

      {chunks.map((chunk, n) => (
        <Frame key={n} input={input}>
          <TableHead />
          {n === 0 && rows.length === 0 && <Text style={{ marginTop: 6 }}>Nothing matches this view.</Text>}
          {chunk.map((f, i) =>
            n === chunks.length - 1 && i === chunk.length - 1 ? (
              <View key={f.id} wrap={false}>
                <Row finding={f} />
                {cap && <Text style={capStyle}>{cap}</Text>}
              </View>
            ) : (
              <Row key={f.id} finding={f} />
            ),
          )}
        </Frame>
      ))}
    </Document>
  );
}

export async function renderComparePdf(input: ComparePdfInput): Promise<Buffer> {
  return renderToBuffer(<CompareDocument input={input} />);
}
