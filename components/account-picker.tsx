"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

export interface PickableAccount {
  accountId: string;
  /** The account's name in its Organization, when the snapshot records it. */
  name: string | null;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Where picking an account leads from the page at `pathname`. The overview, the service and control
 * pages and the history show the picked account in place; any other page (the organization overview,
 * a comparison, the scan form) leads to the account's overview, or to its history from a comparison.
 * A pinned `?snapshot=` is dropped: it may belong to another account. "" picks no account: the newest
 * snapshot of any account, as without the menu.
 */
export function pickerTarget(pathname: string, account: string): string {
  const query = account ? `?account=${account}` : "";
  if (pathname === "/" || pathname === "/snapshots" || pathname.startsWith("/services/")) return `${pathname}${query}`;
  if (pathname.startsWith("/snapshots/")) return `/snapshots${query}`;
  return `/${query}`;
}

/**
 * The account menu in the dashboard header: every account with a stored snapshot, by name when known.
 * It navigates on change; without JavaScript its form submits the same choice to the same place.
 */
export function AccountPicker({ accounts }: { accounts: readonly PickableAccount[] }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const router = useRouter();
  const asked = searchParams.get("account") ?? "";
  const current = ACCOUNT_ID.test(asked) ? asked : "";
  const known = accounts.some((a) => a.accountId === current);
  const action = pickerTarget(pathname, "x").split("?")[0];
  return (
    <form action={action} method="get" className="flex w-full items-center gap-2 text-sm sm:w-auto">
      <label htmlFor="account-picker" className="text-slate-300">
        Account
      </label>
      <select
        id="account-picker"
        name="account"
        value={current}
        onChange={(event) => router.push(pickerTarget(pathname, event.target.value))}
        className="min-w-0 flex-1 rounded border border-white/20 bg-slate-800 px-2 py-1 text-white sm:max-w-[18rem] sm:flex-none"
      >
        <option value="">Newest scan, any account</option>
        {accounts.map((a) => (
          <option key={a.accountId} value={a.accountId}>
            {a.name ? `${a.name} (${a.accountId})` : a.accountId}
          </option>
        ))}
        {current && !known && (
          <option value={current} disabled>
            {current} (no snapshots)
          </option>
        )}
      </select>
      <noscript>
        <button type="submit" className="rounded bg-white/10 px-2 py-1 hover:bg-white/20">
          Show
        </button>
      </noscript>
    </form>
  );
}
