import { z } from "zod";
import { authorize } from "@/lib/http/authorize";
import { guarded, issuesMessage, NO_STORE, problem } from "@/lib/http/route";
import { listAccounts, unreadableNotice } from "@/lib/read/accounts";
import { snapshotStore } from "@/lib/read/snapshot-to-show";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** No parameters yet: anything in the query is a client mistake, said as such rather than ignored. */
const accountsQuerySchema = z.object({}).strict();

/**
 * GET /api/accounts: `[{ accountId, name, ou, latestSnapshotId, score, scannedAt }]`, one per account
 * with at least one readable stored snapshot, newest scan first (`name`/`ou` as that snapshot records
 * them, null when it does not). An `X-Safekeep-Notice` header says when unreadable records were passed over.
 */
export const GET = guarded("GET /api/accounts", async (request: Request) => {
  const auth = await authorize(request, "viewer");
  if ("refused" in auth) return auth.refused;
  const query = accountsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return problem(400, issuesMessage(query.error.issues, "query"));
  const { accounts, unreadable } = await listAccounts(snapshotStore());
  const notice = unreadableNotice(unreadable);
  return Response.json(accounts, {
    headers: { ...NO_STORE, ...(notice ? { "X-Safekeep-Notice": notice } : {}) },
  });
});
