import { authorize } from "@/lib/http/authorize";
import { guarded, NO_STORE, problem, readJsonBody } from "@/lib/http/route";
import { muteDetail, mutePatchDetail } from "@/lib/read/audit";
import { editMute, liftMute } from "@/lib/read/mutes";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import { crossSiteProblem } from "@/lib/scan/request";
import { muteHistory, mutePatchSchema, muteState } from "@/lib/snapshot/mute";
import { authorized, recordChange } from "../../authorized";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };
const MUTE_ID = /^mute-[a-z0-9]{12}$/;

/** One mute with its state and history. */
export const GET = guarded("GET /api/mutes/[id]", async (request: Request, { params }: Params) => {
  const auth = await authorize(request, "viewer");
  if ("refused" in auth) return auth.refused;
  const { id } = await params;
  if (!MUTE_ID.test(id)) return problem(400, "Malformed mute id.");
  const store = snapshotStore();
  const mute = await store.getMute(id);
  if (!mute) return problem(404, `No mute with id ${id}.`);
  const now = new Date();
  const history = muteHistory(mute, await store.muteEvents(id), now);
  return Response.json({ ...mute, state: muteState(mute, now), history }, { headers: NO_STORE });
});

/** Changes a mute's `reason`, `owner` or `expiresAt` (a new expiry renews an expired mute). */
export const PATCH = guarded("PATCH /api/mutes/[id]", async (request: Request, { params }: Params) => {
  const auth = await authorized(request, "operator", "mute.update");
  if ("refused" in auth) return auth.refused;
  const { id } = await params;
  const body = await readJsonBody(request, mutePatchSchema, 8192, crossSiteProblem);
  if ("refused" in body) return body.refused;
  if (!MUTE_ID.test(id)) return problem(400, "Malformed mute id.");
  const now = new Date();
  const changed = await editMute(snapshotStore(), id, body.data, auth.identity.name, now);
  if (!changed.ok) return problem(changed.status, changed.message);
  // An edit that changed nothing keeps the mute's version (older than this request): nothing to record.
  if (Date.parse(changed.mute.updatedAt) >= now.getTime())
    await recordChange(request, auth.identity, "mute.update", { target: id, detail: mutePatchDetail(body.data) });
  return Response.json({ ...changed.mute, state: muteState(changed.mute, now) }, { headers: NO_STORE });
});

/** Lifts a mute: its findings count again at once; the record and its history stay (200 with the lifted mute). */
export const DELETE = guarded("DELETE /api/mutes/[id]", async (request: Request, { params }: Params) => {
  const auth = await authorized(request, "operator", "mute.lift");
  if ("refused" in auth) return auth.refused;
  if (request.headers.get("sec-fetch-site") === "cross-site") return problem(403, "Cross-site requests are refused.");
  const origin = request.headers.get("origin");
  if (origin) {
    let sameHost = false;
    try {
      sameHost = new URL(origin).host === request.headers.get("host");
    } catch {
      sameHost = false;
    }
    if (!sameHost) return problem(403, "Cross-origin requests are refused.");
  }
  const { id } = await params;
  if (!MUTE_ID.test(id)) return problem(400, "Malformed mute id.");
  const now = new Date();
  const lifted = await liftMute(snapshotStore(), id, auth.identity.name, now);
  if (!lifted.ok) return problem(lifted.status, lifted.message);
  await recordChange(request, auth.identity, "mute.lift", { target: id, detail: muteDetail(lifted.mute) });
  return Response.json({ ...lifted.mute, state: "lifted" }, { headers: NO_STORE });
});
