export const dynamic = "force-dynamic";

/** Liveness only: cheap, no store or AWS access. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
