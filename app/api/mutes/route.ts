import { authorize } from "@/lib/http/authorize";
import { guarded, NO_STORE, problem, readJsonBody } from "@/lib/http/route";
import { muteDetail } from "@/lib/read/audit";
import { createMute, listMutesWithHistory } from "@/lib/read/mutes";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import { crossSiteProblem } from "@/lib/scan/request";
import { muteInputSchema } from "@/lib/snapshot/mute";
import { authorized, recordChange } from "../authorized";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 16_384;

/** Every mute (active first, soonest expiry first; then lifted and expired), with its state and history. */
export const GET = guarded("GET /api/mutes", async (request: Request) => {
  const auth = await authorize(request, "viewer");
  if ("refused" in auth) return auth.refused;
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
  const auth = await authorized(request, "operator", "mute.create");
  if ("refused" in auth) return auth.refused;
  const body = await readJsonBody(request, muteInputSchema, MAX_BODY_BYTES, crossSiteProblem);
  if ("refused" in body) return body.refused;
  const made = await createMute(snapshotStore(), body.data, auth.identity.name, new Date());
  if (!made.ok) return problem(made.status, made.message);
  await recordChange(request, auth.identity, "mute.create", { target: made.mute.id, detail: muteDetail(made.mute) });
  return Response.json({ ...made.mute, state: "active" }, { status: 201, headers: NO_STORE });
});
