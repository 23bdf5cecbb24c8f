import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { CriticalCallout } from "@/components/overview/critical-callout";
import { MutedNote } from "@/components/overview/muted-note";
import { RiskyResourcesList } from "@/components/overview/risky-resources";
import { CoverageBanner } from "@/components/posture/coverage-banner";
import { ExportLinks } from "@/components/posture/export-links";
import { ScoreRing } from "@/components/posture/score-ring";
import { ScoreTrend } from "@/components/posture/score-trend";
import { ServiceScorecard } from "@/components/posture/service-scorecard";
import { SeverityBars } from "@/components/posture/severity-bars";
import { SnapshotHeader } from "@/components/posture/snapshot-header";
import { StatusBar } from "@/components/posture/status-bar";
import { UnreadableNotice } from "@/components/posture/unreadable-notice";
import {
  criticalHighCallOut,
  findingsHref,
  openFindingsByResults,
  topRiskyResources,
} from "@/lib/posture/open-findings";
import { countStatuses } from "@/lib/posture/build-snapshot";
import { listSnapshots } from "@/lib/read/snapshot-to-show";
import type { SearchParams } from "@/lib/snapshot/params";
import { AccountProblem } from "./accounts/account-problem";
import { loadSnapshot } from "./load";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [loaded, listed] = await Promise.all([loadSnapshot(searchParams), listSnapshots()]);
  if (!loaded.ok) return <AccountProblem heading="Data-protection posture" problem={loaded.problem} />;
  const { snapshot, notice, href } = loaded;
  // The trend follows the account shown: another account's scores are not this one's history.
  const history = listed.filter((s) => s.accountId === snapshot.account.id);
  const evaluatedCount = snapshot.services.filter((s) => s.evaluated).length;
  const bySeverity = openFindingsByResults(snapshot.controls);
  const unjudged = Object.values(bySeverity).reduce((sum, c) => sum + c.error, 0);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Data-protection posture</h1>
        <ExportLinks snapshotId={snapshot.id} label="Export this snapshot" />
      </div>
      <UnreadableNotice notice={notice} />
      <SnapshotHeader snapshot={snapshot} older={loaded.older} path="/" />
      <CriticalCallout
        callOut={criticalHighCallOut(snapshot)}
        snapshotId={snapshot.id}
        controlHref={(item) => href(`/services/${item.service}/controls/${item.controlId}`)}
      />
      <CoverageBanner coverage={snapshot.coverage} />
      <div className="mb-8 grid gap-4 md:grid-cols-3">
        <Card className="flex flex-col items-center justify-center">
          <h2 className="mb-2 text-sm font-medium text-slate-600">Overall score</h2>
          <ScoreRing score={snapshot.score} label="Overall score" unverified={snapshot.scoreUnverified} />
          <p className="mt-2 text-center text-xs text-slate-500">
            Across {snapshot.controls.length} controls in {evaluatedCount} of {snapshot.services.length} services,
            weighted by severity.
          </p>
          <MutedNote mutes={snapshot.mutes} />
        </Card>
        <Card>
          <h2 className="mb-3 text-sm font-medium text-slate-600">Open findings by severity (resources)</h2>
          <SeverityBars data={bySeverity} />
          <p className="mt-3 text-xs text-slate-500">
            One per failing or warning resource (per field where a control checks several). Muted findings and results
            that could not be judged are counted apart, never as open.{" "}
            <Link href={findingsHref(snapshot.id)} className="font-medium text-blue-800 hover:underline">
              All findings
            </Link>
          </p>
        </Card>
        <Card>
          <h2 className="mb-3 text-sm font-medium text-slate-600">All controls</h2>
          <StatusBar counts={countStatuses(snapshot.controls.map((c) => c.status))} />
          <p className="mt-3 text-xs text-slate-500">
            {snapshot.stats.apiCalls} API calls · {snapshot.stats.retries} retries · {snapshot.stats.throttled}{" "}
            throttled
          </p>
        </Card>
      </div>
      <RiskyResourcesList risky={topRiskyResources(snapshot)} unjudged={unjudged} allHref={findingsHref(snapshot.id)} />
      {history.length > 1 && (
        <Card className="mb-8">
          <h2 className="mb-2 text-sm font-medium text-slate-600">Overall score over the last snapshots</h2>
          <ScoreTrend points={[...history].reverse().slice(-30)} />
        </Card>
      )}
      <h2 className="mb-3 text-lg font-bold">Services</h2>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {snapshot.services.map((service) => (
          <ServiceScorecard key={service.id} service={service} href={href(`/services/${service.id}`)} />
        ))}
      </div>
    </>
  );
}
