import { guarded, NO_STORE, problem } from "@/lib/http/route";
import { auditStore, listAudit, parseAuditQuery } from "@/lib/read/audit";
import { authorized } from "../authorized";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/audit (admin): the audit log, newest first, `{ items, nextCursor }`. `limit` 1–200
 * (default 50); `before`: the previous page's `nextCursor`; `action`: one action (sign-in,
 * mute.create, …); `actor`: one actor's subject. Unknown, repeated or bad parameters: 400 naming it.
 */
export const GET = guarded("GET /api/audit", async (request: Request) => {
  const auth = await authorized(request, "admin", "GET /api/audit");
  if ("refused" in auth) return auth.refused;
  const parsed = parseAuditQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return problem(400, `query: ${parsed.message}`);
  const page = await listAudit(auditStore(), parsed.query);
  return Response.json(page, { headers: NO_STORE });
});
