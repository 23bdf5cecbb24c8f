import { DependencyBanner } from "@/components/dependency-banner";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { AccountPicker, type PickableAccount } from "@/components/account-picker";
import { SignedInAs } from "@/components/signed-in-as";
import { ThemeToggle } from "@/components/theme-toggle";
import { pageIdentity } from "@/lib/http/page-identity";
import { roleAllows } from "@/lib/security/identity";
import { log } from "@/lib/log";
import { listAccounts } from "@/lib/read/accounts";
import { snapshotStore } from "@/lib/read/snapshot-to-show";

/** The accounts the header's menu offers; none (and no menu) when the store cannot be listed. */
async function pickableAccounts(): Promise<PickableAccount[]> {
  try {
    const { accounts } = await listAccounts(snapshotStore());
    return accounts
      .map(({ accountId, name }) => ({ accountId, name }))
      .sort((a, b) => (a.name ?? a.accountId).localeCompare(b.name ?? b.accountId));
  } catch (error) {
    // The page itself reads the store too and says what is wrong; the menu is not worth a second error page.
    log.warn("accounts.menu-unavailable", { error });
    return [];
  }
}

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const [accounts, identity] = await Promise.all([pickableAccounts(), pageIdentity()]);
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold tracking-tight">
            <svg
              aria-hidden="true"
              viewBox="0 0 24 24"
              className="mr-1.5 inline h-5 w-5 align-[-3px]"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
            >
              <path d="M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6l8-3z" />
              <path d="M8.5 12l2.5 2.5 4.5-5" />
            </svg>
            Safekeep
          </Link>
          <nav aria-label="Main" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            <Link href="/" className="hover:underline">
              Overview
            </Link>
            <Link href="/findings" className="hover:underline">
              Findings
            </Link>
            <Link href="/frameworks" className="hover:underline">
              Frameworks
            </Link>
            <Link href="/mutes" className="hover:underline">
              Mutes
            </Link>
            <Link href="/accounts" className="hover:underline">
              Accounts
            </Link>
            <Link href="/snapshots" className="hover:underline">
              History
            </Link>
            {identity && roleAllows(identity.role, "admin") && (
              <Link href="/settings/notifications" className="hover:underline">
                Settings
              </Link>
            )}
            <Link href="/scan" className="rounded bg-white/10 px-2 py-1 hover:bg-white/20">
              Scan now
            </Link>
          </nav>
          {accounts.length > 0 && (
            <div className="w-full sm:w-auto">
              <Suspense fallback={null}>
                <AccountPicker accounts={accounts} />
              </Suspense>
            </div>
          )}
          <div className="flex items-center gap-3">
            <SignedInAs identity={identity} />
            <ThemeToggle />
          </div>
        </div>
      </header>
      <DependencyBanner />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
