/**
 * What every route handler answers when things go wrong: a JSON `{ error }` with a message written for
 * the user, never a stack trace, an exception message or a secret. Unexpected errors are logged in
 * full (redacted, lib/log.ts) and answered with a generic 500.
 */
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { log } from "@/lib/log";

export const NO_STORE = { "Cache-Control": "no-store" } as const;
export const INTERNAL_ERROR_MESSAGE = "Internal error; the server log has the details.";
/** zod quotes unrecognised keys back, and a client may send a very long one. */
const MAX_MESSAGE_LENGTH = 500;

export function problem(status: number, error: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: NO_STORE });
}

/** Validation problems as one capped line: `path: message; …`, `subject` standing for the root. */
export function issuesMessage(issues: readonly { path: readonly PropertyKey[]; message: string }[], subject: string) {
  const message = issues.map((i) => `${i.path.map(String).join(".") || subject}: ${i.message}`).join("; ");
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
}

/** Wraps a route handler so that an exception becomes a logged, generic 500. */
export function guarded<Args extends unknown[]>(
  route: string,
  handler: (...args: Args) => Response | Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args: Args) => {
    try {
      return await handler(...args);
    } catch (error) {
      // notFound(), redirect() and dynamic-rendering bail-outs are control flow, not failures.
      unstable_rethrow(error);
      log.error("route.failed", { route, error });
      return problem(500, INTERNAL_ERROR_MESSAGE);
    }
  };
}

/**
 * The request body as text, or undefined when it is longer than `maxBytes`: reading stops at the
 * limit instead of buffering whatever a client sends.
 */
export async function readTextWithin(request: Request, maxBytes: number): Promise<string | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return undefined;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The answer to a state-changing request that `crossSite` refuses (not same-origin JSON): 415 for a
 * body that is not JSON, 403 otherwise; undefined when it may go on.
 */
export function crossSiteRefusal(
  request: Request,
  crossSite: (request: Request) => string | undefined,
): Response | undefined {
  const refused = crossSite(request);
  return refused ? problem(refused.startsWith("Send") ? 415 : 403, refused) : undefined;
}

/**
 * A state-changing request's JSON body, checked: same-origin JSON only (`crossSite` says why not),
 * at most `maxBytes`, valid JSON, then `schema`. Either the data or the answer to send (403, 413,
 * 415 or 400 with the problem).
 */
export async function readJsonBody<T>(
  request: Request,
  schema: z.ZodType<T>,
  maxBytes: number,
  crossSite: (request: Request) => string | undefined,
): Promise<{ data: T } | { refused: Response }> {
  const refused = crossSiteRefusal(request, crossSite);
  if (refused) return { refused };
  const text = await readTextWithin(request, maxBytes);
  if (text === undefined) return { refused: problem(413, "Request body too large.") };
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    return { refused: problem(400, "Request body is not valid JSON.") };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { refused: problem(400, issuesMessage(parsed.error.issues, "body")) };
  return { data: parsed.data };
}
