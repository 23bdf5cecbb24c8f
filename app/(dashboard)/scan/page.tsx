import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { OrgScanForm } from "@/components/posture/org-scan-form";
import type { RegionOffer } from "@/components/posture/scan-choices";
import { ScanForm } from "@/components/posture/scan-form";
import { ServerAccessCard } from "@/components/scan/server-access-card";
import { mayDo, RoleNote } from "@/components/ui/role-note";
import { pageIdentity } from "@/lib/http/page-identity";
import { SERVICE_IDS, SERVICE_NAMES } from "@/lib/inventory/common";
import { KNOWN_REGIONS } from "@/lib/scan/known-regions";
import { serverAccess, type ServerAccess } from "@/lib/scan/preflight";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Scan now" };

const REGION_NAMES: Record<string, string> = Object.fromEntries(
  Object.values(KNOWN_REGIONS).flatMap((regions) => regions.map((r) => [r.code, r.name])),
);

const SERVICES = SERVICE_IDS.map((id) => ({ id, name: SERVICE_NAMES[id] }));

function regionOffer(access: ServerAccess): RegionOffer {
  return {
    offered: access.offeredRegions,
    names: REGION_NAMES,
    offeredFrom: access.offeredFrom,
    ...(access.defaultRegion ? { defaultRegion: access.defaultRegion } : {}),
    // "All" is listed when the scan starts, from the default Region: both must work for it to.
    allAvailable: access.offeredFrom === "enabled" && access.defaultRegion !== undefined,
  };
}

/**
 * The server's check, then the form that uses it. Rendered on the server within the check's own
 * time bound (a few seconds) and streamed: the rest of the page does not wait for it.
 */
async function CheckedScanForm() {
  const access = await serverAccess();
  return (
    <>
      <ServerAccessCard access={access} />
      <ScanForm services={SERVICES} regions={regionOffer(access)} />
    </>
  );
}

/**
 * The several-accounts form with the same check's Regions. "All" there is each member account's own
 * enabled Regions, listed in that account when its scan starts: it only needs a Region to ask from.
 */
async function CheckedOrgScanForm() {
  const access = await serverAccess();
  return (
    <OrgScanForm
      services={SERVICES}
      regions={{ ...regionOffer(access), allAvailable: access.defaultRegion !== undefined }}
    />
  );
}

export default async function ScanPage() {
  const teamMode = Boolean(process.env.SAFEKEEP_REDIS_URL?.trim());
  const identity = await pageIdentity();
  const canScan = mayDo(identity, "operator");
  return (
    <>
      <Breadcrumbs items={[{ label: "Overview", href: "/" }, { label: "Scan now" }]} />
      <h1 className="mb-2 text-2xl font-bold">Scan now</h1>
      <p className="mb-6 max-w-3xl text-sm text-slate-700">
        The scan runs in the server with the AWS credentials the server was started with (profile, SSO, environment
        variables or instance role), read-only, with the IAM policy in{" "}
        <code className="rounded bg-slate-100 px-1">policy/safekeep-scanner-policy.json</code>. Without credentials it
        cannot start and the dashboard keeps showing the current snapshot. A running scan can be cancelled: it sends no
        further call to AWS, stops once the calls under way have answered, and stores nothing.
      </p>
      {canScan ? (
        <Suspense
          fallback={
            <p className="mb-6 text-sm text-slate-600" role="status">
              Checking what the server can scan with…
            </p>
          }
        >
          <CheckedScanForm />
        </Suspense>
      ) : (
        <RoleNote what="Starting scans" needed="operator" identity={identity} />
      )}
      <h2 className="mt-10 mb-2 text-xl font-bold">Several accounts</h2>
      <p className="mb-6 max-w-3xl text-sm text-slate-700">
        From the management account (or a delegated administrator) with{" "}
        <code className="rounded bg-slate-100 px-1">policy/safekeep-management-policy.json</code>: each member account
        is scanned through its <code className="rounded bg-slate-100 px-1">SafekeepAudit</code> role into its own
        snapshot (template: <code className="rounded bg-slate-100 px-1">policy/safekeep-member-role.yaml</code>). An
        account that cannot be scanned is listed with the reason; the others go on.{" "}
        {teamMode
          ? "Team mode: the scan is queued for the workers."
          : "Embedded mode: the server scans two accounts at a time."}
      </p>
      {canScan ? (
        <Suspense
          fallback={
            <p className="mb-6 text-sm text-slate-600" role="status">
              Checking which Regions accounts can be scanned in…
            </p>
          }
        >
          <CheckedOrgScanForm />
        </Suspense>
      ) : (
        <RoleNote what="Starting and cancelling scans of several accounts" needed="operator" identity={identity} />
      )}
      <p className="mt-10 max-w-3xl text-sm text-slate-700">
        What changed after each scan can be sent to Slack, Microsoft Teams or a signed webhook:{" "}
        <Link href="/settings/notifications" className="text-sky-800 underline">
          notification settings and recent deliveries
        </Link>
        .
      </p>
    </>
  );
}
