import { dependencyHealth } from "@/lib/queue/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Liveness by default: cheap, no store or AWS access. `?deep=1` also asks team mode's queue and
 * database, answering 200 either way with what is down named, so the dashboard can say so.
 */
export async function GET(request: Request) {
  const headers = { "Cache-Control": "no-store" };
  if (new URL(request.url).searchParams.get("deep") !== "1") return Response.json({ status: "ok" }, { headers });
  const health = await dependencyHealth();
  return Response.json({ status: health.problem ? "degraded" : "ok", ...health }, { headers });
}
