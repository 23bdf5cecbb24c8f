import Link from "next/link";
import { mayDo, RoleNote } from "@/components/ui/role-note";
import type { Identity } from "@/lib/security/identity";

/**
 * What the history says before anything real is stored: nothing was scanned yet (or only the demo
 * account, stored with `npm run scan -- --demo`), so the dashboard shows the demo account, marked
 * "Demo data". It says how to scan a real account, and offers Scan now to those who may scan.
 */
export function NoScansYet({ identity, demoOnly }: { identity: Identity | undefined; demoOnly: boolean }) {
  return (
    <section
      aria-labelledby="no-scans-heading"
      className="mb-6 rounded-md border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700"
    >
      <h2 id="no-scans-heading" className="mb-2 text-base font-bold text-slate-900">
        {demoOnly ? "Only demo data so far" : "No scans yet"}
      </h2>
      <p className="mb-3">
        The overview shows the demo account (marked “Demo data”) until the first scan of a real account is stored.
      </p>
      <p className="mb-2 font-medium text-slate-900">To scan a real AWS account:</p>
      <ol className="mb-4 list-decimal space-y-1 pl-5">
        <li>
          Give the server AWS credentials: an AWS profile (
          <code className="rounded bg-slate-100 px-1">AWS_PROFILE</code>, SSO included), access keys in its environment,
          or an instance or task role.
        </li>
        <li>
          Attach the read-only policy{" "}
          <code className="rounded bg-slate-100 px-1">policy/safekeep-scanner-policy.json</code> to that identity.
        </li>
        <li>
          Press Scan now on the scan page, or run <code className="rounded bg-slate-100 px-1">npm run scan</code> on the
          server.
        </li>
      </ol>
      {mayDo(identity, "operator") ? (
        <Link
          href="/scan"
          className="inline-block rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700"
        >
          Scan now
        </Link>
      ) : (
        <RoleNote what="Starting scans" needed="operator" identity={identity} />
      )}
    </section>
  );
}
