import { authorize } from "@/lib/http/authorize";
import { guarded, NO_STORE, readJsonBody } from "@/lib/http/route";
import { scheduleDetail } from "@/lib/read/audit";
import { scheduleStore, scheduleView } from "@/lib/read/schedules";
import { crossSiteProblem } from "@/lib/scan/request";
import { newScheduleId, scheduleInputSchema } from "@/lib/snapshot/schedule";
import { authorized, recordChange } from "../authorized";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 32_768;

/** Every recurring scan, with its last run and next occurrence. */
export const GET = guarded("GET /api/schedules", async (request: Request) => {
  const auth = await authorize(request, "viewer");
  if ("refused" in auth) return auth.refused;
  const stored = await scheduleStore().listSchedules();
  return Response.json(
    stored.map((s) => scheduleView(s)),
    { headers: NO_STORE },
  );
});

/**
 * Creates a recurring scan: `{ name, cron, timezone?, selection: { org: true } | { accounts }, regions?,
 * services?, enabled? }`. 201 with the schedule; 400 with the problem for a bad body or cron.
 */
export const POST = guarded("POST /api/schedules", async (request: Request) => {
  const auth = await authorized(request, "operator", "schedule.create");
  if ("refused" in auth) return auth.refused;
  const body = await readJsonBody(request, scheduleInputSchema, MAX_BODY_BYTES, crossSiteProblem);
  if ("refused" in body) return body.refused;
  const schedule = { ...body.data, id: newScheduleId(), createdAt: new Date().toISOString() };
  await scheduleStore().putSchedule(schedule);
  await recordChange(request, auth.identity, "schedule.create", {
    target: schedule.id,
    detail: scheduleDetail(schedule),
  });
  return Response.json(scheduleView({ schedule }), { status: 201, headers: NO_STORE });
});
