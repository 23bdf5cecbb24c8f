import { z } from "zod";
import { authorize } from "@/lib/http/authorize";
import { guarded, issuesMessage, NO_STORE, problem } from "@/lib/http/route";
import { compareStored } from "@/lib/read/compare-stored";
import { snapshotStore } from "@/lib/read/snapshot-to-show";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const id = (name: string) =>
  z
    .string({ message: `${name} is required (a snapshot id, latest or demo)` })
    .regex(/^[A-Za-z0-9-]{1,64}$/, `${name} must be a snapshot id, latest or demo`);

const compareQuerySchema = z.object({ from: id("from"), to: id("to") }).strict();

const STATUS = { missing: 404, unreadable: 500, accounts: 400 } as const;

/**
 * GET /api/snapshots/compare?from=ID&to=ID: what changed between two snapshots of one account
 * (new, still failing, fixed, not re-checked, changed), with each finding's first and last failing
 * time. Ids may be `latest` (the newest readable snapshot) or `demo`.
 */
export const GET = guarded("GET /api/snapshots/compare", async (request: Request) => {
  const auth = await authorize(request, "viewer");
  if ("refused" in auth) return auth.refused;
  const query = compareQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return problem(400, issuesMessage(query.error.issues, "query"));
  const result = await compareStored(snapshotStore(), query.data.from, query.data.to);
  if (!result.ok) return problem(STATUS[result.problem], result.message);
  return Response.json(result.comparison, {
    headers: { ...NO_STORE, ...(result.notice ? { "X-Safekeep-Notice": result.notice } : {}) },
  });
});
