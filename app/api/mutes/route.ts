import { env } from "@/lib/env";
import { actorOf } from "@/lib/http/actor";
import { guarded, NO_STORE, problem, readJsonBody } from "@/lib/http/route";
import { createMute, listMutesWithHistory } from "@/lib/read/mutes";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import { crossSiteProblem } from "@/lib/scan/request";
import { muteInputSchema } from "@/lib/snapshot/mute";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 16_384;

/** Every mute (active first, soonest expiry first; then lifted and expired), with its state and history. */
export const GET = guarded("GET /api/mutes", async () => {
  const listed = await listMutesWithHistory(snapshotStore(), new Date());
  return Response.json(
    listed.map(({ mute, state, history }) => ({ ...mute, state, history })),
    { headers: NO_STORE },
  );
});

/**
 * Mutes a finding or a rule: `{ target: { kind: "finding", findingId } | { kind: "rule", controlId,
 * resourcePattern?, region?, accountId?, tag? }, reason, owner, expiresAt, label? }`. The expiry must
 * be in the future and at most 366 days ahead. 201 with the mute; 400 naming the problem.
 */
export const POST = guarded("POST /api/mutes", async (request: Request) => {
  const body = await readJsonBody(request, muteInputSchema, MAX_BODY_BYTES, crossSiteProblem);
  if ("refused" in body) return body.refused;
  const actor = actorOf(request.headers.get("authorization"), env().auth);
  const made = await createMute(snapshotStore(), body.data, actor, new Date());
  if (!made.ok) return problem(made.status, made.message);
  return Response.json({ ...made.mute, state: "active" }, { status: 201, headers: NO_STORE });
});
