import Link from "next/link";

/**
 * What a page shows instead of a snapshot when `?account=` cannot be honoured (malformed, unknown,
 * unreadable): the reason, and the ways on. Never another account's data in its place.
 */
export function AccountProblem({ heading, problem }: { heading: string; problem: string }) {
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{heading}</h1>
      <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm">
        <p>{problem}</p>
        <p className="mt-2">
          <Link href="/accounts" className="font-medium text-blue-700 hover:underline">
            All accounts
          </Link>
          <span aria-hidden="true"> · </span>
          <Link href="/" className="font-medium text-blue-700 hover:underline">
            Newest snapshot
          </Link>
        </p>
      </div>
    </>
  );
}
