import type { Metadata } from "next";
import { NotFoundBody } from "@/components/not-found-body";

export const metadata: Metadata = { title: "Not found" };

/**
 * An address no route matches: rendered in the root layout alone, so it brings its own `<main>`.
 * Inside the dashboard, app/(dashboard)/not-found.tsx answers instead, within the layout's `<main>`.
 */
export default function NotFound() {
  return (
    <main id="main">
      <NotFoundBody />
    </main>
  );
}
