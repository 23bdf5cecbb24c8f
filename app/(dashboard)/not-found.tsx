import { NotFoundBody } from "@/components/not-found-body";

/** `notFound()` from a dashboard page: rendered inside the layout's `<main id="main">`, so no `<main>` here. */
export default function DashboardNotFound() {
  return <NotFoundBody />;
}
