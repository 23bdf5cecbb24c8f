/**
 * The findings view as a PDF: a cover saying what the view is (its filters in words, its order, the
 * snapshots read with their scan times, how many findings match), then at most FINDINGS_PDF_MAX_ROWS
 * rows in the view's order on landscape pages. A capped PDF says so on its cover and after its last
 * row; the CSV and JSON exports hold every row.
 *
 * House style from the snapshot report (./pdf): its styles, status colours and symbols; fonts and the
 * line-break rule from ./pdf-text (ARNs and ids wrap at safe points without a "-" entering the copied
 * text; ordinary words are never hyphenated).
 */
import { Document, Page, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { SEVERITY_LABELS, STATUS_LABELS } from "@/lib/controls/types";
import type { FindingItem, FindingsRequest } from "@/lib/snapshot/findings-query";
import {
  describeFindingsSort,
  describeFindingsView,
  FINDINGS_PDF_MAX_ROWS,
  type ExportScopeEntry,
} from "./findings-export";
import { COLOURS, formatTime, s, SYMBOLS } from "./pdf";
import { plural } from "./pdf-text";
import { displayName } from "./resource-label";

export interface FindingsPdfInput {
  request: FindingsRequest;
  generatedAt: Date;
  /** The snapshots read, newest scan first. */
  snapshots: readonly ExportScopeEntry[];
  /** Rows matching the view, over all pages. */
  total: number;
  /** The view's first rows, in its order; more than FINDINGS_PDF_MAX_ROWS are not printed. */
  items: readonly FindingItem[];
  notice?: string;
}

/** Characters of a reason printed: about six lines of its column; the CSV has the whole sentence. */
export const REASON_MAX_CHARS = 220;

/** A reason cut at a word boundary near `max`, with an ellipsis; shorter ones are left whole. */
export function truncateReason(reason: string, max: number = REASON_MAX_CHARS): string {
  if (reason.length <= max) return reason;
  const cut = reason.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const count = (n: number) => n.toLocaleString("en-US");

/** "Showing 500 of 12,345 findings; export CSV or JSON for all." when capped, otherwise undefined. */
export function capLabel(shown: number, total: number): string | undefined {
  return shown < total ? `Showing ${count(shown)} of ${count(total)} findings; export CSV or JSON for all.` : undefined;
}

const WIDTHS = {
  severity: 46,
  status: 78,
  control: 118,
  resource: 168,
  account: 82,
  region: 60,
  firstSeen: 54,
} as const;
const small = { fontSize: 6.5, color: "#64748b" } as const;
const capStyle = { color: "#b45309", fontWeight: "bold", marginVertical: 6 } as const;

function Frame({ input, demo, children }: { input: FindingsPdfInput; demo: boolean; children: ReactNode }) {
  return (
    <Page size="A4" orientation="landscape" style={s.page}>
      <View style={s.header} fixed>
        <Text>Safekeep findings · generated {formatTime(input.generatedAt.toISOString())}</Text>
        <Text>{demo ? "Includes DEMO DATA" : `${plural(input.snapshots.length, "snapshot")} read`}</Text>
      </View>
      {children}
      <View style={s.footer} fixed>
        <Text>Status: ✓ pass · ✗ fail · ! warning · – not applicable · ? error (could not be judged)</Text>
        <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
      </View>
    </Page>
  );
}

/**
 * Rows per <Page> element. react-pdf lays out again everything after each page break, so one Page
 * of 500 rows costs time quadratic in the rows (about 21 s for 500 against 2.5 s for 100 here);
 * a Page per dozen rows keeps it linear. About 13 typical rows fit a landscape page, so a dozen
 * rarely overflows; a Page whose rows are unusually tall simply continues on the next sheet.
 */
const ROWS_PER_PAGE_ELEMENT = 12;

function TableHead() {
  return (
    <View style={[s.headRow, { fontSize: 7.5 }]} fixed>
      <Text style={{ width: WIDTHS.severity }}>Severity</Text>
      <Text style={{ width: WIDTHS.status }}>Status</Text>
      <Text style={{ width: WIDTHS.control }}>Control</Text>
      <Text style={{ width: WIDTHS.resource }}>Resource</Text>
      <Text style={{ width: WIDTHS.account }}>Account</Text>
      <Text style={{ width: WIDTHS.region }}>Region</Text>
      <Text style={{ width: WIDTHS.firstSeen }}>First seen</Text>
      <Text style={{ flex: 1 }}>Reason</Text>
    </View>
  );
}

function Row({ item }: { item: FindingItem }) {
  return (
    <View style={[s.row, { fontSize: 7.5 }]} wrap={false}>
      <Text style={{ width: WIDTHS.severity }}>{SEVERITY_LABELS[item.severity]}</Text>
      <View style={{ width: WIDTHS.status, paddingRight: 4 }}>
        <Text style={[s.bold, { color: COLOURS[item.status] }]}>
          {SYMBOLS[item.status]} {STATUS_LABELS[item.status]}
        </Text>
        {item.mute && (
          <>
            <Text style={small}>Muted</Text>
            <Text style={small}>until {item.mute.expiresAt.slice(0, 10)}</Text>
          </>
        )}
      </View>
      <View style={{ width: WIDTHS.control, paddingRight: 4 }}>
        <Text>{item.controlTitle}</Text>
        <Text style={small}>{item.controlId}</Text>
      </View>
      <View style={{ width: WIDTHS.resource, paddingRight: 4 }}>
        <Text style={s.bold}>
          {displayName({ resourceArn: item.resourceArn, name: item.resourceName ?? undefined })}
        </Text>
        <Text style={small}>{item.resourceArn}</Text>
      </View>
      <View style={{ width: WIDTHS.account, paddingRight: 4 }}>
        <Text>{item.accountName ?? item.accountId}</Text>
        {item.accountName && <Text style={small}>{item.accountId}</Text>}
      </View>
      <Text style={{ width: WIDTHS.region }}>{item.region}</Text>
      <Text style={{ width: WIDTHS.firstSeen }}>{item.firstSeen ? item.firstSeen.slice(0, 10) : "—"}</Text>
      <Text style={{ flex: 1 }}>{truncateReason(item.reason)}</Text>
    </View>
  );
}

function FindingsDocument({ input }: { input: FindingsPdfInput }) {
  const items = input.items.slice(0, FINDINGS_PDF_MAX_ROWS);
  const cap = capLabel(items.length, input.total);
  const view = describeFindingsView(input.request);
  const demo = input.snapshots.some((x) => x.source === "demo");
  const title = `Safekeep findings — ${view}`;
  const chunks: FindingItem[][] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_PAGE_ELEMENT) chunks.push(items.slice(i, i + ROWS_PER_PAGE_ELEMENT));
  if (chunks.length === 0) chunks.push([]);
  return (
    <Document title={title} author="Safekeep" subject="Findings view export">
      <Frame input={input} demo={demo}>
        <Text style={[s.h1, { fontSize: 18 }]}>{title}</Text>
        {demo && (
          <Text style={{ color: "#b45309", fontWeight: "bold", marginBottom: 6 }}>
            DEMO DATA: includes a fictional account shipped with Safekeep, not a scan of a real account.
          </Text>
        )}
        <View style={{ marginTop: 6 }}>
          {(
            [
              ["Generated", formatTime(input.generatedAt.toISOString())],
              ["Matching findings", count(input.total)],
              ["Order", describeFindingsSort(input.request)],
              ["Rows in this PDF", `${count(items.length)} (at most ${count(FINDINGS_PDF_MAX_ROWS)})`],
            ] as const
          ).map(([k, v]) => (
            <View key={k} style={{ flexDirection: "row", marginBottom: 3 }}>
              <Text style={{ width: 110, color: "#64748b" }}>{k}</Text>
              <Text style={{ flex: 1 }}>{v}</Text>
            </View>
          ))}
        </View>
        {cap && <Text style={capStyle}>{cap}</Text>}
        {input.notice && <Text style={{ color: "#b45309", marginVertical: 4 }}>{input.notice}</Text>}
        <Text style={s.h3}>Snapshots read ({input.snapshots.length}), newest scan first</Text>
        <Text style={[s.muted, { marginBottom: 4 }]}>
          Each account as its own newest readable scan unless one snapshot was asked for; accounts are scanned at
          different times.
        </Text>
        <View style={s.headRow}>
          <Text style={{ width: 120 }}>Account</Text>
          <Text style={{ width: 200 }}>Snapshot</Text>
          <Text style={{ flex: 1 }}>Scan finished</Text>
        </View>
        {input.snapshots.map((x) => (
          <View key={x.id} style={s.row} wrap={false}>
            <Text style={{ width: 120 }}>{x.accountId}</Text>
            <Text style={{ width: 200 }}>
              {x.id}
              {x.source === "demo" ? " (demo data)" : ""}
            </Text>
            <Text style={{ flex: 1 }}>{formatTime(x.finishedAt)}</Text>
          </View>
        ))}
      </Frame>

      {chunks.map((chunk, c) => (
        <Frame key={c} input={input} demo={demo}>
          <TableHead />
          {c === 0 && items.length === 0 && <Text style={{ marginTop: 6 }}>Nothing matches this view.</Text>}
          {chunk.map((item, i) =>
            c === chunks.length - 1 && i === chunk.length - 1 ? (
              // The last row and the cap label together: the label is on the last page of rows, never alone.
              <View key={`${item.snapshotId}/${item.findingId}`} wrap={false}>
                <Row item={item} />
                {cap && <Text style={capStyle}>{cap}</Text>}
              </View>
            ) : (
              <Row key={`${item.snapshotId}/${item.findingId}`} item={item} />
            ),
          )}
        </Frame>
      ))}
    </Document>
  );
}

export async function renderFindingsPdf(input: FindingsPdfInput): Promise<Buffer> {
  return renderToBuffer(<FindingsDocument input={input} />);
}
