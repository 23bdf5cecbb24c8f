import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">Not found</h1>
      <p className="mt-2 text-slate-600">There is no such service, control or snapshot.</p>
      <Link href="/" className="mt-4 inline-block text-blue-700 hover:underline">
        Back to the overview
      </Link>
    </main>
  );
}
