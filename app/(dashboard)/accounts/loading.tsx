import { PageLoading } from "@/components/ui/page-loading";

// Shown while the page reads the store. Only on routes that never answer "not found": a streamed
// page has already sent its 200, so a route that can 404 (the overview, services, controls,
// frameworks, history) must not stream before it knows.
export default function Loading() {
  return <PageLoading />;
}
