import { z } from "zod";
import { guarded, NO_STORE, problem, readJsonBody } from "@/lib/http/route";
import { notificationTestDetail } from "@/lib/read/audit";
import { scanNotifier } from "@/lib/notify/server";
import { crossSiteProblem } from "@/lib/scan/request";
import { authorized, recordChange } from "../../authorized";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 1024;
const TEST_KEY = Symbol.for("safekeep.notifyTestRunning");

/**
 * Sends a test message to every configured channel (body `{}`), with the same retries as after a
 * scan, and records each delivery. Answers with the deliveries (channel, masked target, attempts,
 * outcome, error), never an address or a secret. One test at a time: a second answers 409.
 */
export const POST = guarded("POST /api/notifications/test", async (request: Request) => {
  const auth = await authorized(request, "admin", "notifications.test");
  if ("refused" in auth) return auth.refused;
  const body = await readJsonBody(request, z.object({}).strict(), MAX_BODY_BYTES, crossSiteProblem);
  if ("refused" in body) return body.refused;
  const notifier = scanNotifier();
  if (!notifier.enabled)
    return problem(
      409,
      "No notification channel is configured: set SAFEKEEP_NOTIFY_SLACK_URL, SAFEKEEP_NOTIFY_TEAMS_URL or SAFEKEEP_NOTIFY_WEBHOOK_URL (with SAFEKEEP_NOTIFY_WEBHOOK_SECRET) and restart Safekeep.",
    );
  const holder = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (holder[TEST_KEY]) return problem(409, "A test message is being sent; wait for it to finish.");
  holder[TEST_KEY] = true;
  try {
    const deliveries = await notifier.sendTest();
    await recordChange(request, auth.identity, "notifications.test", { detail: notificationTestDetail(deliveries) });
    return Response.json({ deliveries }, { headers: NO_STORE });
  } finally {
    holder[TEST_KEY] = false;
  }
});
