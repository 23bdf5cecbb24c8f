/**
 * A framework's evidence as a PDF, in the house style of the snapshot report (lib/report/pdf.tsx):
 * title "Safekeep evidence for <framework> — account <id>", the scan time, then each requirement with
 * its rolled-up status (incomplete marked), the mapped controls, their failing resources and the
 * source of each mapping.
 */
import { Document, Link, Page, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { STATUS_LABELS } from "@/lib/controls/types";
import { COLOURS, StatusText, SYMBOLS, formatTime, s } from "./pdf";
import type { Snapshot } from "@/lib/snapshot/schema";
import { frameworkLabel, type Framework } from "@/lib/frameworks/frameworks";
import type { FrameworkRollup, RequirementRow } from "@/lib/frameworks/rollup";

export function frameworkTitle(framework: Framework, snapshot: Snapshot): string {
  return `Safekeep evidence for ${frameworkLabel(framework)} — account ${snapshot.account.id}`;
}

function Requirement({ row }: { row: RequirementRow }) {
  return (
    <View style={s.control} wrap={row.controls.length > 4}>
      <View style={{ flexDirection: "row", justifyContent: "space-between" }} minPresenceAhead={40}>
        <Text style={s.bold}>{row.requirement}</Text>
        <StatusText status={row.status} incomplete={row.incomplete ? { resources: row.unjudged } : undefined} />
      </View>
      <Text style={s.muted}>
        {row.controls.length} mapped control{row.controls.length === 1 ? "" : "s"} · {row.failingResources} failing
        resource{row.failingResources === 1 ? "" : "s"}
      </Text>
      {row.controls.map((c) => (
        <View key={c.controlId} style={{ marginTop: 3 }} wrap={false}>
          <Text>
            {c.status ? (
              <Text style={{ color: COLOURS[c.status] }}>
                {SYMBOLS[c.status]} {STATUS_LABELS[c.status]}
                {c.incomplete ? " · incomplete" : ""}
              </Text>
            ) : (
              <Text style={{ color: COLOURS.error }}>? Not in this snapshot (not judged)</Text>
            )}{" "}
            <Text style={s.bold}>{c.title}</Text> <Text style={s.muted}>({c.controlId})</Text>
          </Text>
          <Text style={s.muted}>
            {c.failingResources} failing resource{c.failingResources === 1 ? "" : "s"} · coverage {c.coverage}
            {c.note ? `: ${c.note}` : ""}
          </Text>
          <Text style={{ fontSize: 7.5 }}>
            Source: {c.source.maps}
            {c.source.asOf ? ` (as published ${c.source.asOf})` : ""} ·{" "}
            <Link src={c.source.url} style={s.link}>
              {c.source.url}
            </Link>
          </Text>
        </View>
      ))}
    </View>
  );
}

export async function renderFrameworkPdf(
  framework: Framework,
  snapshot: Snapshot,
  rollup: FrameworkRollup,
  generatedAt: Date,
): Promise<Buffer> {
  const title = frameworkTitle(framework, snapshot);
  const { counts } = rollup;
  const doc = (
    <Document title={title} author="Safekeep" subject={frameworkLabel(framework)}>
      <Page size="A4" style={s.page}>
        <View style={s.header} fixed>
          <Text>
            Safekeep evidence · {frameworkLabel(framework)} · snapshot {snapshot.id}
          </Text>
          <Text>
            Account {snapshot.account.id}
            {snapshot.source === "demo" ? " · DEMO DATA" : ""}
          </Text>
        </View>
        <Text style={[s.h1, { fontSize: 18 }]}>{title}</Text>
        <Text>
          Scan finished {formatTime(snapshot.finishedAt)} · report generated {formatTime(generatedAt.toISOString())}
        </Text>
        <Text style={{ marginBottom: 6 }}>
          Framework:{" "}
          <Link src={framework.url} style={s.link}>
            {framework.url}
          </Link>
        </Text>
        {rollup.requirements.length === 0 ? (
          <Text style={{ marginTop: 8 }}>
            Safekeep lists no requirement of this framework. {framework.noMappings ?? ""}
          </Text>
        ) : (
          <>
            <Text style={{ marginBottom: 4 }}>
              {rollup.requirements.length} requirements covered: {counts.fail} fail, {counts.warn} warning,{" "}
              {counts.pass} pass, {counts.error} error, {counts["not-applicable"]} not applicable; {counts.incomplete}{" "}
              incomplete (part of their controls could not be judged, so they are not a clean result).
            </Text>
            <Text style={[s.muted, { marginBottom: 8 }]}>
              {"A requirement's status is the worst judged status of the Safekeep controls mapped to it. Covering a " +
                "requirement means Safekeep checks what the cited source maps to it, not that the requirement is met " +
                'in full: "partial" coverage says where the check is narrower.'}
            </Text>
            {rollup.requirements.map((row) => (
              <Requirement key={row.requirement} row={row} />
            ))}
          </>
        )}
        <View style={s.footer} fixed>
          <Text>Status: ✓ pass · ✗ fail · ! warning · – not applicable · ? error (could not be judged)</Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
  return renderToBuffer(doc);
}
