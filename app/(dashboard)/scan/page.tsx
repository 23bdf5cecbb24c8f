import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { ScanForm } from "@/components/posture/scan-form";
import { SERVICE_IDS, SERVICE_NAMES } from "@/lib/inventory/common";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Scan now" };

export default function ScanPage() {
  return (
    <>
      <Breadcrumbs items={[{ label: "Overview", href: "/" }, { label: "Scan now" }]} />
      <h1 className="mb-2 text-2xl font-bold">Scan now</h1>
      <p className="mb-6 max-w-3xl text-sm text-slate-700">
        The scan runs in the server with the AWS credentials the server was started with (profile, SSO, environment
        variables or instance role), read-only, with the IAM policy in{" "}
        <code className="rounded bg-slate-100 px-1">policy/safekeep-scanner-policy.json</code>. Without credentials it
        cannot start and the dashboard keeps showing the current snapshot.
      </p>
      <ScanForm services={SERVICE_IDS.map((id) => ({ id, name: SERVICE_NAMES[id] }))} />
    </>
  );
}
