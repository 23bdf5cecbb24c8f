import { z } from "zod";
import { guarded, NO_STORE, problem, readJsonBody } from "@/lib/http/route";
import { scheduleDetail } from "@/lib/read/audit";
import { crossSiteProblem } from "@/lib/scan/request";
import { scheduleStore, scheduleView } from "@/lib/read/schedules";
import { authorized, recordChange } from "../../authorized";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };
const SCHEDULE_ID = /^sch-[a-z0-9]{6,32}$/;
const patchSchema = z.object({ enabled: z.boolean() }).strict();

async function find(id: string) {
  return (await scheduleStore().listSchedules()).find((s) => s.schedule.id === id);
}

/** Pauses or resumes a schedule: `{ enabled }`. */
export const PATCH = guarded("PATCH /api/schedules/[id]", async (request: Request, { params }: Params) => {
  const auth = await authorized(request, "operator", "schedule.update");
  if ("refused" in auth) return auth.refused;
  const { id } = await params;
  const body = await readJsonBody(request, patchSchema, 1024, crossSiteProblem);
  if ("refused" in body) return body.refused;
  if (!SCHEDULE_ID.test(id)) return problem(400, "Malformed schedule id.");
  const stored = await find(id);
  if (!stored) return problem(404, `No schedule with id ${id}.`);
  const schedule = { ...stored.schedule, enabled: body.data.enabled };
  await scheduleStore().putSchedule(schedule);
  await recordChange(request, auth.identity, "schedule.update", { target: id, detail: scheduleDetail(schedule) });
  return Response.json(scheduleView({ ...stored, schedule }), { headers: NO_STORE });
});

export const DELETE = guarded("DELETE /api/schedules/[id]", async (request: Request, { params }: Params) => {
  const auth = await authorized(request, "operator", "schedule.delete");
  if ("refused" in auth) return auth.refused;
  if (request.headers.get("sec-fetch-site") === "cross-site") return problem(403, "Cross-site requests are refused.");
  const { id } = await params;
  if (!SCHEDULE_ID.test(id)) return problem(400, "Malformed schedule id.");
  if (!(await scheduleStore().deleteSchedule(id))) return problem(404, `No schedule with id ${id}.`);
  await recordChange(request, auth.identity, "schedule.delete", { target: id });
  return new Response(null, { status: 204, headers: NO_STORE });
});
