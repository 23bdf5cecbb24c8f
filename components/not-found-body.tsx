import Link from "next/link";

/**
 * What a missing page says, without a landmark of its own: inside the dashboard it renders in the
 * layout's `<main id="main">`, and a second `<main>` there would be a duplicate landmark.
 */
export function NotFoundBody() {
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">Not found</h1>
      <p className="mt-2 text-slate-600">There is no such service, control or snapshot.</p>
      <nav aria-label="Ways back" className="mt-4 flex flex-wrap justify-center gap-4">
        <Link href="/" className="text-blue-700 hover:underline">
          Back to the overview
        </Link>
        <Link href="/findings" className="text-blue-700 hover:underline">
          All findings
        </Link>
        <Link href="/snapshots" className="text-blue-700 hover:underline">
          Snapshot history
        </Link>
      </nav>
    </div>
  );
}
